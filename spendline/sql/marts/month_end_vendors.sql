-- Vendors whose invoices cluster at month end: at least 3 invoices (invoiced or paid rows,
-- credit notes included) under the filters, half or more of them dated in the last 5 days of
-- their month. Worth agreeing mid-month invoicing with them. Most month-end invoices first.
create or replace view month_end_vendors as
select * exclude (total)
from month_end_rollup
where not total and invoices >= 3 and invoices_month_end * 2 >= invoices
order by invoices_month_end desc, share desc, vendor
