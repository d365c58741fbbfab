-- Every ledger row that counts (not cancelled), in its month and in base currency (see
-- ledger_live.sql): ledger_figures without the figures.
create or replace view ledger as
select * exclude (quoted, actual, paid, open_order, committed) from ledger_figures
