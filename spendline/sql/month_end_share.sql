-- SPEC §4: the share of invoices (count and amount) whose invoice date falls in the last 5
-- days of its month. Invoices = invoiced and paid rows, credit notes included, so `amount` is
-- the `actual` of the same filters. One row; a share is empty when there is nothing to divide.
create or replace view month_end_share as
with invoices as (
    select
        day(invoice_date) > day(last_day(invoice_date)) - 5 as month_end,
        amount_base
    from ledger
    where status in ('invoiced', 'paid')
      and in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
),

totals as (
    select
        count(*) as invoices,
        count(*) filter (where month_end) as invoices_month_end,
        coalesce(sum(amount_base), 0) as amount,
        coalesce(sum(amount_base) filter (where month_end), 0) as amount_month_end
    from invoices
)

select
    invoices,
    invoices_month_end,
    ratio(invoices_month_end, invoices) as share,
    money(amount) as amount,
    money(amount_month_end) as amount_month_end,
    ratio(amount_month_end, amount) as share_of_amount
from totals
