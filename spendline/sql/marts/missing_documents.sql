-- Invoiced and paid rows that lack a contract, an invoice or a receipt, with what is missing.
-- Paid rows first (SPEC §4 flags those in approval_flags too), then open invoices; oldest
-- invoice first. `amount` is amount_net in base currency.
create or replace view missing_documents as
with checked as (
    select
        vendor, document_id, status, channel, invoice_date, amount_base,
        concat_ws(', ',
            case when not has_contract then 'contract' end,
            case when not has_invoice then 'invoice' end,
            case when not has_receipt then 'receipt' end) as missing
    from ledger
    where is_invoiced(status)
      and in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
)

select
    vendor, document_id, status, channel, invoice_date,
    money(amount_base) as amount,
    missing as missing_documents
from checked
where missing <> ''
order by status = 'invoiced', invoice_date, vendor, document_id
