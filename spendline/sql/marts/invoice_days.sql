-- Invoices (invoiced and paid rows, credit notes included: the rows that make `actual`) by
-- the day of the month of their invoice date, one row per day 1-31, empty days with 0.
-- `*_month_end` counts the part of each day that falls in the last 5 days of its own month
-- (SPEC §4, month_end_invoices.sql).
create or replace view invoice_days as
select
    d.day,
    count(i.amount_base) as invoices,
    money(coalesce(sum(i.amount_base), 0)) as amount,
    count(i.amount_base) filter (where i.month_end) as invoices_month_end,
    money(coalesce(sum(i.amount_base) filter (where i.month_end), 0)) as amount_month_end
from range(1, 32) as d (day)
left join month_end_invoices i using (day)
group by d.day
order by d.day
