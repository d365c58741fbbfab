-- The month-end shares (SPEC §4) of all invoices under the filters (`total`) and of each
-- vendor's: counts, amounts and the share of each that falls in the last 5 days of its month.
-- A share is empty when there is nothing to divide. Read by month_end_share and
-- month_end_vendors.
create or replace view month_end_rollup as
with summed as (
    select
        grouping(vendor) = 1 as total,
        vendor,
        count(*) as invoices,
        count(*) filter (where month_end) as invoices_month_end,
        coalesce(sum(amount_base), 0) as amount,
        coalesce(sum(amount_base) filter (where month_end), 0) as amount_month_end
    from month_end_invoices
    group by grouping sets ((vendor), ())
)

select
    total,
    vendor,
    invoices,
    invoices_month_end,
    ratio(invoices_month_end, invoices) as share,
    money(amount) as amount,
    money(amount_month_end) as amount_month_end,
    ratio(amount_month_end, amount) as share_of_amount
from summed
