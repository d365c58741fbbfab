-- Each ledger row's part in quoted, committed, actual and paid (base currency): the views'
-- source. Working it out (months, fx rates, orders drawn on by invoices) costs two passes
-- and two joins over the whole ledger, so the store keeps the result in the table
-- ledger_facts, made again from ledger_figures_live after any upload, rollback or setting
-- change (spendline/facts.py). With `as_at` set (compare with), ledger_figures_as_stood
-- stands in for it (see schema.sql): worked out live from the rows as they stood then.
create or replace view ledger_figures as
select * from ledger_facts;

create or replace view ledger_figures_as_stood as
select * from ledger_figures_live
