-- The media figures of SPEC §4 ("Media") of media_base's rows or of media_sums' levels,
-- written once for both: money rounded once from the exact sums (README "Rounding"), and each
-- ratio over only the rows that have both of its figures (the kept figures of media_base.sql),
-- so organic Content's revenue (no platform spend) does not raise paid Search's ROAS, nor
-- leads without spend lower a CPL. On one row this is SPEC §4's ratio.
create or replace macro media_figures(figures) as table
select
    * exclude (actual, cpc_spend, cpc_clicks, cpm_spend, cpm_impressions, ctr_clicks,
               ctr_impressions, cpl_spend, cpl_leads, roas_revenue, roas_spend)
      replace (money(platform_spend) as platform_spend, money(revenue) as revenue),
    media_cpc(cpc_spend, cpc_clicks) as cpc,
    media_cpm(cpm_spend, cpm_impressions) as cpm,
    media_ctr(ctr_clicks, ctr_impressions) as ctr,
    media_cpl(cpl_spend, cpl_leads) as media_cpl,
    media_roas(roas_revenue, roas_spend) as media_roas,
    money(actual) as actual
from query_table(figures)
