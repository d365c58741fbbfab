-- Media figures (SPEC §4 "Media") per month × channel × platform × campaign with results,
-- unrounded, and beside them the invoiced actual of the ledger rows with the same four keys
-- and the figures each ratio divides.
-- Matching is exact: a ledger row counts only where it names the same channel, platform and
-- campaign in the same month. A ledger row without a platform matches results without one
-- (both empty, as in platform_reconciliation); one without a campaign matches none (it is
-- roi_by_campaign's Unallocated: fees and agency work no platform reports). Invoices for a
-- campaign with no results that month show nowhere here. Never added to platform spend.
create or replace view media_base as
with reported as (
    select
        month, channel, coalesce(platform, '') as platform, campaign,
        -- a figure the sheet lacks stays null (SPEC §2.3): sum() of nulls is null
        exact(sum(platform_spend)) as platform_spend,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        sum(leads) as leads,
        exact(sum(revenue)) as revenue
    from results_base
    where in_months(month) and results_kept(channel, platform, campaign, account)
    group by all
),

invoiced as (
    select month, channel, coalesce(platform, '') as platform, campaign,
           exact(sum(actual)) as actual
    from ledger_figures
    where campaign is not null and in_months(month)
        and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
)

select
    r.*,
    coalesce(i.actual, 0) as actual,
    -- each media ratio's two figures (media_figures.sql), each kept where the other is there
    kept_with(r.platform_spend, r.clicks) as cpc_spend,
    kept_with(r.clicks, r.platform_spend) as cpc_clicks,
    kept_with(r.platform_spend, r.impressions) as cpm_spend,
    kept_with(r.impressions, r.platform_spend) as cpm_impressions,
    kept_with(r.clicks, r.impressions) as ctr_clicks,
    kept_with(r.impressions, r.clicks) as ctr_impressions,
    kept_with(r.platform_spend, r.leads) as cpl_spend,
    kept_with(r.leads, r.platform_spend) as cpl_leads,
    kept_with(r.revenue, r.platform_spend) as roas_revenue,
    kept_with(r.platform_spend, r.revenue) as roas_spend
from reported r
left join invoiced i using (month, channel, platform, campaign)
