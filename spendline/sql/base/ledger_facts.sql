-- The table behind ledger_figures (see there): ledger_figures_live as it stands now, ordered
-- by month so that a month range skips whole row groups. Created empty here; spendline/facts.py
-- fills it, and empties it whenever this SQL changes (the store's migration runs again then).
create or replace table ledger_facts as
select * from ledger_figures_live
where false
order by month
