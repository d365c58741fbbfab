-- Campaign results by month and dimension, money unrounded (see breakdown.sql).
create or replace view outcomes as
select
    month, channel, platform, campaign, account,
    sum(impressions) as impressions,
    sum(clicks) as clicks,
    sum(leads) as leads,
    sum(opportunities) as opportunities,
    sum(customers) as customers,
    exact(sum(revenue)) as revenue,
    exact(sum(platform_spend)) as platform_spend
from results_base
where in_months(month) and results_kept(channel, platform, campaign, account)
group by all
order by all
