-- Sales and marketing on one set of outcome numbers: per quarter of the fiscal year and
-- channel (and 'All channels'), spend (actual, every ledger row of the channel as in ROI by
-- channel), results and the SPEC §4 ratios, with the change against the previous quarter.
-- Quarters are whole: the month range picks the quarters it touches, and the previous quarter
-- counts whole even outside the range. With no figures for the previous quarter, the change
-- is empty. A ratio's change is the difference of the rounded ratios, as the table shows them.
create or replace view scorecard as
with first_month as (
    select cast(setting('fiscal_first_month') as integer) as fm
),

monthly as (
    select
        month, channel,
        sum(actual) as actual,
        coalesce(sum(leads), 0) as leads,
        coalesce(sum(opportunities), 0) as opportunities,
        coalesce(sum(customers), 0) as customers,
        coalesce(sum(revenue), 0) as revenue
    from roi_base
    group by all
),

quartered as (
    -- months since the fiscal year began, 0..11; a quarter starts every third of them
    select
        cast(month - to_months(((month(month) - fm + 12) % 12) % 3) as date) as quarter_start,
        ((month(month) - fm + 12) % 12) // 3 + 1 as quarter,
        channel, actual, leads, opportunities, customers, revenue
    from monthly, first_month
),

per_quarter as (
    select
        quarter_start, any_value(quarter) as quarter,
        coalesce(channel, 'All channels') as channel,
        sum(actual) as actual, sum(leads) as leads, sum(opportunities) as opportunities,
        sum(customers) as customers, sum(revenue) as revenue
    from quartered
    group by grouping sets ((quarter_start, channel), (quarter_start))
),

figures as (
    select
        *,
        money_ratio(actual, customers) as cac,
        ratio(revenue - actual, actual) as roi,
        ratio(customers, leads) as lead_to_customer
    from per_quarter
),

final as (
    select
        c.*,
        p.revenue as prev_revenue, p.customers as prev_customers,
        p.opportunities as prev_opportunities, p.cac as prev_cac, p.roi as prev_roi,
        p.lead_to_customer as prev_lead_to_customer
    from figures c
    left join figures p
        on p.channel = c.channel and p.quarter_start = cast(c.quarter_start - interval 3 month as date)
    where c.quarter_start <= coalesce(cast(getvariable('to_month') as date), date '9999-12-01')
      and cast(c.quarter_start + interval 2 month as date)
          >= coalesce(cast(getvariable('from_month') as date), date '0001-01-01')
)

select
    fiscal_year_of(quarter_start) as fiscal_year,
    'Q' || quarter as quarter,
    channel,
    money(actual) as actual,
    cast(leads as bigint) as leads,
    cast(opportunities as bigint) as opportunities,
    cast(customers as bigint) as customers,
    money(revenue) as revenue,
    cac,
    roi,
    lead_to_customer,
    money(revenue - prev_revenue) as revenue_change,
    cast(customers - prev_customers as bigint) as customers_change,
    cast(opportunities - prev_opportunities as bigint) as opportunities_change,
    cac - prev_cac as cac_change,
    roi - prev_roi as roi_change,
    lead_to_customer - prev_lead_to_customer as lead_to_customer_change
from final
order by quarter_start, channel <> 'All channels', channel
