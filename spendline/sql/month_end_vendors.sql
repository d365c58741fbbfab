-- Vendors whose invoices cluster at month end: at least 3 invoices (invoiced or paid rows,
-- credit notes included) under the filters, half or more of them dated in the last 5 days of
-- their month. Worth agreeing mid-month invoicing with them. Most month-end invoices first.
create or replace view month_end_vendors as
with invoices as (
    select
        vendor,
        day(invoice_date) > day(last_day(invoice_date)) - 5 as month_end,
        amount_base
    from ledger
    where status in ('invoiced', 'paid')
      and in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
),

per_vendor as (
    select
        vendor,
        count(*) as invoices,
        count(*) filter (where month_end) as invoices_month_end,
        sum(amount_base) as amount,
        coalesce(sum(amount_base) filter (where month_end), 0) as amount_month_end
    from invoices
    group by vendor
)

select
    vendor,
    invoices,
    invoices_month_end,
    ratio(invoices_month_end, invoices) as share,
    money(amount) as amount,
    money(amount_month_end) as amount_month_end,
    ratio(amount_month_end, amount) as share_of_amount
from per_vendor
where invoices >= 3 and invoices_month_end * 2 >= invoices
order by invoices_month_end desc, share desc, vendor
