-- The ROI figures of SPEC §4 over the month range, by channel and by campaign and channel:
-- the one place they are worked out (roi_by_channel and roi_by_campaign pick a level).
create or replace view roi_rollup as
with summed as (
    select
        grouping(campaign) = 1 as by_channel,
        campaign, channel,
        sum(actual) as actual,
        -- 0 where there are no results; empty where the results lack the figure (an ad
        -- export without revenue), so a ratio over it is empty (SPEC §2.3)
        if(sum(results_rows) = 0, 0, sum(leads)) as leads,
        if(sum(results_rows) = 0, 0, sum(opportunities)) as opportunities,
        if(sum(results_rows) = 0, 0, sum(customers)) as customers,
        if(sum(results_rows) = 0, 0, sum(revenue)) as revenue
    from roi_base
    where in_months(month)
    group by grouping sets ((channel), (campaign, channel))
)

select
    by_channel,
    campaign,
    channel,
    money(actual) as actual,
    leads, opportunities, customers,
    money(revenue) as revenue,
    money_ratio(actual, leads) as cpl,
    money_ratio(actual, opportunities) as cost_per_opportunity,
    money_ratio(actual, customers) as cac,
    ratio(revenue, actual) as roas,
    ratio(revenue - actual, actual) as roi,
    ratio(customers, leads) as lead_to_customer
from summed
