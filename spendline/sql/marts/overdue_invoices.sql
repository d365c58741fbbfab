-- Open invoices past their due date at the as-of date (the aging view's rows with 1 day or
-- more), most overdue first. Credit notes included, as in the aging; an invoice without a due
-- date is due on its invoice date. `amount` is the open amount (amount_net less
-- paid_amount) in base currency.
create or replace view overdue_invoices as
select
    vendor, document_id, channel, invoice_date, due_date, days_overdue,
    money(amount_base) as amount
from open_invoices
where days_overdue >= 1
order by days_overdue desc, vendor, document_id
