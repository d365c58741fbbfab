-- Budget, forecast and ledger figures by month and every dimension, for the pages' charts and
-- drill-downs (channel → platform, category, campaign, vendor). Budget lines have no vendor.
-- Not rounded: pages add these rows up and round only the totals they show.
create or replace view breakdown as
with budgets as (
    select
        month, channel, platform, category, coalesce(campaign, 'Unallocated') as campaign,
        account, null as vendor,
        sum(amount_base) filter (where version = 'budget') as budget,
        0 as quoted, 0 as committed, 0 as actual, 0 as paid
    from budget_base
    where in_months(month) and budget_kept(channel, platform, category, campaign, account)
    group by all
),

forecasts as (
    select
        month, channel, platform, category, coalesce(campaign, 'Unallocated') as campaign,
        account, sum(amount_base) as forecast
    from forecast_base
    where in_months(month) and budget_kept(channel, platform, category, campaign, account)
    group by all
),

spend as (
    select
        month, channel, platform, category, coalesce(campaign, 'Unallocated') as campaign,
        account, vendor,
        0 as budget,
        sum(quoted) as quoted, sum(committed) as committed,
        sum(actual) as actual, sum(paid) as paid
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

combined as (
    select *, 0 as forecast from budgets
    union all by name
    select *, 0 as forecast from spend
    union all by name
    select *, null as vendor, 0 as budget, 0 as quoted, 0 as committed, 0 as actual,
           0 as paid
    from forecasts
)

select
    month, channel, platform, category, campaign, account, vendor,
    exact(sum(coalesce(budget, 0))) as budget,
    exact(sum(forecast)) as forecast,
    exact(sum(quoted)) as quoted,
    exact(sum(committed)) as committed,
    exact(sum(actual)) as actual,
    exact(sum(paid)) as paid
from combined
group by all
order by all
