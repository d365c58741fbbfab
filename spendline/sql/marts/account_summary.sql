-- Per client account, and per account and channel: the Overview's figures for each account.
-- Whole fiscal years like landing (the month range picks the fiscal years): budget and
-- committed for the year; actual, revenue and ROI up to the as-of month; landing = actual to
-- date + what is left of the as-of month's forecast + forecast after it; overdue = the open
-- amount of invoices (credit notes included) past their due date at the as-of date. A row
-- with channel null is the account's total over its channels.
create or replace view account_summary as
with as_of as (
    select cast(date_trunc('month', as_of_date()) as date) as month
),

budgets as (
    select account, channel, sum(amount_base) as budget
    from budget_base
    where version = 'budget' and in_fiscal_years(fiscal_year)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

forecasts as (
    select account, channel, sum(amount_base) as forecast_after
    from forecast_base
    where month > (select month from as_of) and in_fiscal_years(fiscal_year)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

forecasts_now as (
    select account, channel, sum(amount_base) as forecast_now
    from forecast_base
    where month = (select month from as_of) and in_fiscal_years(fiscal_year)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

spend as (
    select
        account, channel,
        sum(committed) as committed,
        sum(actual) filter (where month <= (select month from as_of)) as actual_to_date,
        sum(actual) filter (where month = (select month from as_of)) as actual_now,
        sum(open_base) filter (where days_overdue(due_date, invoice_date) > 0) as overdue,
        count(open_base) filter (where days_overdue(due_date, invoice_date) > 0)
            as overdue_invoices
    from ledger_figures
    where in_fiscal_years(fiscal_year)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

outcomes as (
    select account, channel, sum(revenue) as revenue_to_date
    from results_base
    where month <= (select month from as_of) and in_fiscal_years(fiscal_year_of(month))
      and results_kept(channel, platform, campaign, account)
    group by all
),

keys as (
    select account, channel from budgets
    union select account, channel from forecasts
    union select account, channel from spend
    union select account, channel from outcomes
    union select account, channel from forecasts_now
),

per_channel as (
    select
        k.account, k.channel,
        coalesce(b.budget, 0) as budget,
        coalesce(f.forecast_after, 0) as forecast_after,
        -- per account and channel, as the landing view per channel (SPEC §4)
        current_month_remaining(n.forecast_now, s.actual_now) as current_month_remaining,
        coalesce(s.committed, 0) as committed,
        coalesce(s.actual_to_date, 0) as actual_to_date,
        coalesce(o.revenue_to_date, 0) as revenue_to_date,
        coalesce(s.overdue, 0) as overdue,
        coalesce(s.overdue_invoices, 0) as overdue_invoices
    from keys k
    left join budgets b using (account, channel)
    left join forecasts f using (account, channel)
    left join spend s using (account, channel)
    left join outcomes o using (account, channel)
    left join forecasts_now n using (account, channel)
),

final as (
    select
        account, channel,
        sum(budget) as budget, sum(committed) as committed,
        sum(actual_to_date) as actual_to_date,
        sum(actual_to_date + current_month_remaining + forecast_after) as landing,
        sum(revenue_to_date) as revenue_to_date,
        sum(overdue) as overdue, sum(overdue_invoices) as overdue_invoices
    from per_channel
    group by grouping sets ((account), (account, channel))
)

select
    account,
    channel,
    money(budget) as budget,
    money(committed) as committed,
    money(actual_to_date) as actual_to_date,
    money(landing) as landing,
    money(landing - budget) as landing_vs_budget,
    money(revenue_to_date) as revenue_to_date,
    ratio(revenue_to_date - actual_to_date, actual_to_date) as roi,
    money(overdue) as overdue,
    cast(overdue_invoices as bigint) as overdue_invoices
from final
order by account, channel nulls first
