-- Spend against campaign results per month, campaign and channel: the rows the ROI views and
-- the scorecard add up. `actual` counts every ledger row of the channel (a row that names no
-- campaign is `Unallocated`); the results figures are summed, empty where the results lack
-- one (an ad export without revenue), and `results_rows` says how many results rows there were.
create or replace view roi_base as
with spend as (
    select month, campaign_or_unallocated(campaign) as campaign, channel, sum(actual) as actual
    from ledger_figures
    where ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

results as (
    select
        month, campaign, channel,
        sum(leads) as leads, sum(opportunities) as opportunities,
        sum(customers) as customers, sum(revenue) as revenue,
        count(*) as results_rows
    from results_base
    where results_kept(channel, platform, campaign, account)
    group by all
)

select
    month, campaign, channel,
    coalesce(s.actual, 0) as actual,
    r.leads, r.opportunities, r.customers, r.revenue,
    coalesce(r.results_rows, 0) as results_rows
from spend s
full outer join results r using (month, campaign, channel)
