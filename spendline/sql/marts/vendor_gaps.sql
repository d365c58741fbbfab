-- Vendors named in the ledger (under the filters) that the supplier archive lacks, so the
-- archive can be completed: their channels, documents, actual and when they were last used
-- (as in vendor_archive: the latest document date on or before the as-of date). Names must
-- match the archive exactly. Largest actual first.
create or replace view vendor_gaps as
with rows as (
    select
        vendor, channel, actual,
        ledger_day(status, invoice_date, order_date, quote_date) as day
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
      and vendor not in (select vendor from vendors)
)

select
    vendor,
    string_agg(distinct channel, ', ' order by channel) as channels,
    count(*) as documents,
    money(sum(actual)) as actual,
    max(day) filter (where day <= as_of_date()) as last_used
from rows
group by vendor
order by sum(actual) desc, vendor
