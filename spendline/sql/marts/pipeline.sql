-- The spend pipeline quote → order → invoice → payment: where the money stands now, one row
-- per stage. `documents` counts the ledger rows at that status; `amount_documents` is their
-- amount in base currency. `amount` is what the stage adds to the pipeline: for an order only
-- its open part (the order less the invoices drawing on it, SPEC §4), so the four amounts
-- add up to quoted + committed and no money counts twice (invoiced here = unpaid invoices).
create or replace view pipeline as
with rows as (
    select status, amount_base, quoted + open_order + actual as counted
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
),

stages as (
    select * from (values ('quoted', 1), ('ordered', 2), ('invoiced', 3), ('paid', 4))
        as s (stage, position)
)

select
    s.stage,
    count(r.status) as documents,
    money(coalesce(sum(r.counted), 0)) as amount,
    money(coalesce(sum(r.amount_base), 0)) as amount_documents
from stages s
left join rows r on r.status = s.stage
group by s.stage, s.position
order by s.position
