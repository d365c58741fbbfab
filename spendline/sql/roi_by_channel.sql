-- SPEC §5: spend (every ledger row of the channel) against leads and revenue per channel.
create or replace view roi_by_channel as
with spend as (
    select channel, sum(actual) as actual
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

outcomes as (
    select
        channel,
        sum(leads) as leads, sum(opportunities) as opportunities,
        sum(customers) as customers, sum(revenue) as revenue,
        count(*) as results_rows
    from results_base
    where in_months(month) and results_kept(channel, platform, campaign, account)
    group by all
),

final as (
    select
        channel,
        coalesce(s.actual, 0) as actual,
        -- 0 where there are no results; empty where the results lack the figure (an ad
        -- export without revenue), so a ratio over it is empty (SPEC §2.3)
        if(o.results_rows is null, 0, o.leads) as leads,
        if(o.results_rows is null, 0, o.opportunities) as opportunities,
        if(o.results_rows is null, 0, o.customers) as customers,
        if(o.results_rows is null, 0, o.revenue) as revenue
    from spend s
    full outer join outcomes o using (channel)
)

select
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
from final
order by channel
