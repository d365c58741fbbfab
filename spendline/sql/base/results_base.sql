-- Campaign results in the month of their date, money in base currency.
create or replace view results_base as
with dated as (
    select *, cast(date_trunc('month', date) as date) as month from results
)

select
    d.* exclude (revenue, platform_spend),
    -- a figure the sheet lacks stays null (SPEC §2.3)
    in_base(d.revenue, rate_to_base(d.currency, r.rate)) as revenue,
    in_base(d.platform_spend, rate_to_base(d.currency, r.rate)) as platform_spend
from dated d
left join fx_rates r on r.currency = d.currency and r.month = d.month
