-- media_base's figures (SPEC §4 "Media") at every level the pages and SPEC §5 show: `level`
-- says which (total, channel, platform within channel, campaign within channel, or 'row': one
-- row of media_base, month × channel × platform × campaign, which is media_performance). Each
-- figure is the exact sum rounded once (README "Rounding"). Each ratio divides only the rows
-- that have both of its figures: organic Content's revenue (no platform spend) must not raise
-- paid Search's ROAS, nor leads without spend lower a CPL. On one row this is SPEC §4's ratio.
create or replace view media_figures as
with paired as (
    select
        *,
        platform_spend is not null and clicks is not null as has_cpc,
        platform_spend is not null and impressions is not null as has_cpm,
        clicks is not null and impressions is not null as has_ctr,
        platform_spend is not null and leads is not null as has_cpl,
        platform_spend is not null and revenue is not null as has_roas
    from media_base
),

sums as (
    select
        case when grouping(channel) = 1 then 'total'
             when grouping(month) = 0 then 'row'
             when grouping(platform) = 0 then 'platform'
             when grouping(campaign) = 0 then 'campaign'
             else 'channel' end as level,
        month, channel, platform, campaign,
        sum(platform_spend) as platform_spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(leads) as leads,
        sum(revenue) as revenue,
        sum(actual) as actual,
        sum(platform_spend) filter (where has_cpc) as cpc_spend,
        sum(clicks) filter (where has_cpc) as cpc_clicks,
        sum(platform_spend) filter (where has_cpm) as cpm_spend,
        sum(impressions) filter (where has_cpm) as cpm_impressions,
        sum(clicks) filter (where has_ctr) as ctr_clicks,
        sum(impressions) filter (where has_ctr) as ctr_impressions,
        sum(platform_spend) filter (where has_cpl) as cpl_spend,
        sum(leads) filter (where has_cpl) as cpl_leads,
        sum(revenue) filter (where has_roas) as roas_revenue,
        sum(platform_spend) filter (where has_roas) as roas_spend,
        count(*) as rows
    from paired
    group by grouping sets ((), (channel), (channel, platform), (channel, campaign),
                           (month, channel, platform, campaign))
)

select
    level, month, channel, platform, campaign,
    money(platform_spend) as platform_spend,
    impressions, clicks, leads,
    money(revenue) as revenue,
    media_cpc(cpc_spend, cpc_clicks) as cpc,
    media_cpm(cpm_spend, cpm_impressions) as cpm,
    media_ctr(ctr_clicks, ctr_impressions) as ctr,
    media_cpl(cpl_spend, cpl_leads) as media_cpl,
    media_roas(roas_revenue, roas_spend) as media_roas,
    money(actual) as actual
from sums
-- the total of nothing (no results match the filters) is no row, not a row of zeros
where rows > 0
