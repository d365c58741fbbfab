-- Every open invoice (status invoiced, credit notes included) and what it still waits for
-- before it can be paid: a missing contract, invoice or receipt, and an approval that is
-- missing or too low for its amount (the approval_flags rule, reused, so the two agree).
-- `waiting_for` is empty when the invoice is ready to pay. Earliest due first. `amount` (the
-- open amount, base currency) is not rounded: the page adds rows up and rounds the totals once (as breakdown).
create or replace view payment_readiness as
with waiting as (
    select
        vendor, document_id, channel, invoice_date, coalesce(due_date, invoice_date) as due_date,
        amount_base, approval_level, approved_by,
        concat_ws(', ',
            case when not has_contract then 'contract' end,
            case when not has_invoice then 'invoice' end,
            case when not has_receipt then 'receipt' end) as missing
    from open_invoices
)

select
    o.vendor, o.document_id, o.channel, o.invoice_date, o.due_date,
    exact(o.amount_base) as amount,
    o.approval_level, o.approved_by,
    nullif(concat_ws('; ',
        case when o.missing <> '' then 'missing ' || o.missing end,
        f.reason), '') as waiting_for
from waiting o
left join approval_flags f using (vendor, document_id)
order by o.due_date, o.vendor, o.document_id
