-- The invoices under the filters (invoiced and paid rows, credit notes included: the rows
-- that make `actual`), with the day of the month of their invoice date and whether it falls
-- in the last 5 days of its own month (SPEC §4): day 27 is month end in March (27-31) but not
-- in April (26-30). Read by invoice_days and month_end_rollup.
create or replace view month_end_invoices as
select
    vendor,
    day(invoice_date) as day,
    day(invoice_date) > day(last_day(invoice_date)) - 5 as month_end,
    amount_base
from ledger
where is_invoiced(status)
  and in_months(month)
  and ledger_kept(channel, platform, category, campaign, account, vendor)
