-- Campaign results in the month of their date, money in base currency.
create or replace view results_base as
with dated as (
    select *, cast(date_trunc('month', date) as date) as month from results
)

select
    d.* exclude (revenue, platform_spend),
    -- a figure the sheet lacks stays null (SPEC §2.3)
    in_base(d.revenue,
            coalesce(case when d.currency = setting('base_currency') then 1 end, r.rate))
        as revenue,
    in_base(d.platform_spend,
            coalesce(case when d.currency = setting('base_currency') then 1 end, r.rate))
        as platform_spend
from dated d
left join fx_rates r on r.currency = d.currency and r.month = d.month
