-- SPEC §5: month × channel with any budget, forecast or ledger row.
create or replace view budget_vs_actual as
with budget_months as (
    select month, channel, sum(amount_base) as budget
    from budget_base
    where version = 'budget' and in_months(month)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

forecast_months as (
    select month, channel, sum(amount_base) as forecast
    from forecast_base
    where in_months(month) and budget_kept(channel, platform, category, campaign, account)
    group by all
),

ledger_months as (
    select
        month, channel,
        sum(quoted) as quoted, sum(committed) as committed,
        sum(actual) as actual, sum(paid) as paid
    from ledger_figures
    where in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

keys as (
    select month, channel from budget_months
    union select month, channel from forecast_months
    union select month, channel from ledger_months
),

final as (
    select
        k.month, k.channel,
        coalesce(b.budget, 0) as budget,
        coalesce(f.forecast, 0) as forecast,
        coalesce(l.quoted, 0) as quoted,
        coalesce(l.committed, 0) as committed,
        coalesce(l.actual, 0) as actual,
        coalesce(l.paid, 0) as paid
    from keys k
    left join budget_months b using (month, channel)
    left join forecast_months f using (month, channel)
    left join ledger_months l using (month, channel)
)

select
    strftime(month, '%Y-%m') as month,
    channel,
    money(budget) as budget,
    money(forecast) as forecast,
    money(quoted) as quoted,
    money(committed) as committed,
    money(actual) as actual,
    money(paid) as paid,
    money(actual - budget) as variance,
    ratio(actual - budget, budget) as variance_pct
from final
order by final.month, channel
