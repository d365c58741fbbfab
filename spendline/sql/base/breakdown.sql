-- Budget, forecast and ledger figures by month and every dimension, for the pages' charts and
-- drill-downs (channel → platform, category, campaign, vendor). Budget lines have no vendor.
-- Not rounded: pages add these rows up and round only the totals they show.
-- breakdown_rows holds one row per source row; `breakdown` adds them up per month and every
-- dimension, spendline.views.run_totals per any fewer of them (a page that shows totals per
-- channel has them added up once, in SQL, not per dimension first and again in pandas).
create or replace view breakdown_rows as
select
    month, channel, platform, category, campaign_or_unallocated(campaign) as campaign,
    account, null as vendor,
    case when version = 'budget' then amount_base end as budget,
    0 as forecast, 0 as quoted, 0 as committed, 0 as actual, 0 as paid
from budget_base
where in_months(month) and budget_kept(channel, platform, category, campaign, account)
union all by name
select
    month, channel, platform, category, campaign_or_unallocated(campaign) as campaign,
    account, vendor,
    0 as budget, 0 as forecast, quoted, committed, actual, paid
from ledger_figures
where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
union all by name
select
    month, channel, platform, category, campaign_or_unallocated(campaign) as campaign,
    account, null as vendor,
    0 as budget, amount_base as forecast, 0 as quoted, 0 as committed, 0 as actual, 0 as paid
from forecast_base
where in_months(month) and budget_kept(channel, platform, category, campaign, account);

create or replace view breakdown as
select
    month, channel, platform, category, campaign, account, vendor,
    exact(sum(coalesce(budget, 0))) as budget,
    exact(sum(forecast)) as forecast,
    exact(sum(quoted)) as quoted,
    exact(sum(committed)) as committed,
    exact(sum(actual)) as actual,
    exact(sum(paid)) as paid
from breakdown_rows
group by all
order by all
