-- Invoices not yet paid under the filters (status invoiced, credit notes included), each by
-- its open amount in base currency (amount_net less paid_amount; paid in full: not here) and
-- its days past due at the as-of date (macros.sql days_overdue). Read by the aging, the
-- overdue invoices, the payments due and the payment readiness.
create or replace view open_invoices as
select
    vendor, document_id, channel, invoice_date, due_date,
    days_overdue(due_date, invoice_date) as days_overdue,
    open_base as amount_base,
    approval_level, approved_by, has_contract, has_invoice, has_receipt
from ledger
where open_base is not null
  and in_months(month)
  and ledger_kept(channel, platform, category, campaign, account, vendor)
