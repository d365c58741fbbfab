-- Ledger rows (not cancelled) under the filters, for one vendor's page (the page narrows the
-- vendor filter to that vendor). `document_amount` is amount_net in the document's currency,
-- `amount` the same in base currency. Latest document first.
create or replace view vendor_documents as
select
    vendor, document_id, status, channel, platform, campaign, description, po_number,
    ledger_day(status, invoice_date, order_date, quote_date) as document_date,
    currency, money(amount_net) as document_amount, money(amount_base) as amount,
    quote_date, order_date, invoice_date, due_date, paid_date,
    has_contract, has_invoice, has_receipt, approval_level, approved_by
from ledger
where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
order by document_date desc, document_id
