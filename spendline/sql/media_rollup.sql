-- media_base added up for the pages' tiles, charts and tables: `level` says by what
-- (total, channel, platform within channel, campaign within channel). Each figure is the
-- exact sum rounded once, each ratio divided from exact sums (README "Rounding").
create or replace view media_rollup as
with sums as (
    select
        case when grouping(channel) = 1 then 'total'
             when grouping(platform) = 0 then 'platform'
             when grouping(campaign) = 0 then 'campaign'
             else 'channel' end as level,
        channel, platform, campaign,
        sum(platform_spend) as platform_spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(leads) as leads,
        sum(revenue) as revenue,
        sum(actual) as actual,
        count(*) as results_groups
    from media_base
    group by grouping sets ((), (channel), (channel, platform), (channel, campaign))
)

select
    level, channel, platform, campaign,
    money(platform_spend) as platform_spend,
    impressions, clicks, leads,
    money(revenue) as revenue,
    money_ratio(platform_spend, clicks) as cpc,
    money_ratio(platform_spend * 1000, impressions) as cpm,
    ratio(clicks, impressions) as ctr,
    money_ratio(platform_spend, leads) as media_cpl,
    ratio(revenue, platform_spend) as media_roas,
    money(actual) as actual
from sums
-- the total of nothing (no results match the filters) is no row, not a row of zeros
where results_groups > 0
order by level, channel, platform, campaign
