-- Budget, forecast and ledger figures as one set of rows (base currency, unrounded, every
-- month, the global filters but the month range applied): what budget_vs_actual, landing and
-- the accounts' summary add up, each by its own keys. `source` says which: a 'budget' row is
-- a line of the budget version, a 'forecast' row one of the forecast in force (forecast_base:
-- the budget version's lines again where the fiscal year has no forecast), a 'ledger' row a
-- ledger row, with the open amount of an invoice past its due date at the as-of date.
create or replace view plan_and_ledger as
select
    'budget' as source, month, fiscal_year, account, channel, amount_base as budget
from budget_base
where version = 'budget' and budget_kept(channel, platform, category, campaign, account)
union all by name
select
    'forecast' as source, month, fiscal_year, account, channel, amount_base as forecast
from forecast_base
where budget_kept(channel, platform, category, campaign, account)
union all by name
select
    'ledger' as source, month, fiscal_year, account, channel, quoted, committed, actual, paid,
    if(days_overdue(due_date, invoice_date) > 0, open_base, null) as overdue
from ledger_figures
where ledger_kept(channel, platform, category, campaign, account, vendor)
