-- SPEC §5: what the ad platforms report, per month × channel × platform × campaign with
-- results, with the invoiced actual beside it (matching: media_base.sql).
create or replace view media_performance as
select
    strftime(month, '%Y-%m') as month,
    channel,
    platform,
    campaign,
    money(platform_spend) as platform_spend,
    impressions, clicks, leads,
    money(revenue) as revenue,
    media_cpc(platform_spend, clicks) as cpc,
    media_cpm(platform_spend, impressions) as cpm,
    media_ctr(clicks, impressions) as ctr,
    media_cpl(platform_spend, leads) as media_cpl,
    media_roas(revenue, platform_spend) as media_roas,
    money(actual) as actual
from media_base
order by media_base.month, channel, platform, campaign
