-- SPEC §4: the share of invoices (count and amount) whose invoice date falls in the last 5
-- days of its month. Invoices = invoiced and paid rows, credit notes included, so `amount` is
-- the `actual` of the same filters. One row; a share is empty when there is nothing to divide.
create or replace view month_end_share as
select * exclude (total, vendor)
from month_end_rollup
where total
