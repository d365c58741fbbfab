-- Each ledger row's part in quoted, committed, actual and paid (base currency), worked out
-- live; ledger_figures reads it from the table ledger_facts (see ledger_figures.sql).
-- An order counts in committed only for its open part: the order less the invoices that draw
-- on it (same vendor, po_number = the order's document_id), never below zero, worked out
-- from every invoice in the store so that no filter changes it.
create or replace view ledger_figures_live as
with drawn as (
    select vendor, po_number as order_id, sum(amount_base) as invoiced_base
    from ledger_live
    where is_invoiced(status) and po_number is not null
    group by all
),

figures as (
    select
        l.*,
        case when l.status = 'quoted' then l.amount_base else 0 end as quoted,
        case when is_invoiced(l.status) then l.amount_base else 0 end as actual,
        -- a paid row is paid in full unless it says how much; an invoice may be partly paid
        case when l.status = 'paid' then coalesce(l.paid_amount_base, l.amount_base)
             when l.status = 'invoiced' then coalesce(l.paid_amount_base, 0)
             else 0 end as paid,
        case when l.status = 'ordered'
             then greatest(0, l.amount_base - coalesce(d.invoiced_base, 0)) else 0 end
            as open_order
    from ledger_live l
    left join drawn d
        on l.status = 'ordered' and d.vendor = l.vendor and d.order_id = l.document_id
)

select *, actual + open_order as committed from figures
