-- Per client account, and per account and channel: the Overview's figures for each account.
-- Whole fiscal years like landing (the month range picks the fiscal years): budget and
-- committed for the year; actual, revenue and ROI up to the as-of month; landing = actual to
-- date + what is left of the as-of month's forecast + forecast after it; overdue = the open
-- amount of invoices (credit notes included) past their due date at the as-of date. A row
-- with channel null is the account's total over its channels.
create or replace view account_summary as
with counted as (
    -- as landing's rows, with the ledger's every month (committed, overdue) and the revenue
    -- up to the as-of month
    select *
    from plan_and_ledger
    where in_fiscal_years(fiscal_year) and (source <> 'forecast' or month >= as_of_month())
    union all by name
    select 'results' as source, month, account, channel, revenue
    from results_base
    where month <= as_of_month() and in_fiscal_years(fiscal_year_of(month))
      and results_kept(channel, platform, campaign, account)
),

per_channel as (
    select
        account, channel,
        coalesce(sum(budget), 0) as budget,
        coalesce(sum(forecast) filter (where month > as_of_month()), 0) as forecast_after,
        -- per account and channel, as the landing view per channel (SPEC §4)
        current_month_remaining(sum(forecast) filter (where month = as_of_month()),
                                sum(actual) filter (where month = as_of_month()))
            as current_month_remaining,
        coalesce(sum(committed), 0) as committed,
        coalesce(sum(actual) filter (where month <= as_of_month()), 0) as actual_to_date,
        coalesce(sum(revenue), 0) as revenue_to_date,
        coalesce(sum(overdue), 0) as overdue,
        count(overdue) as overdue_invoices
    from counted
    group by all
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
