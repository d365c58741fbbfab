-- Every ledger row that counts (not cancelled), in its month and in base currency, worked
-- out from the rows in force (or as they stood at `as_at`). The views read `ledger`, which
-- takes these rows from the table ledger_facts (ledger_figures.sql).
-- Month of a row: the month of its ledger_day (macros.sql).
create or replace view ledger_live as
with spend_rows as (
    select
        *,
        cast(date_trunc('month', ledger_day(status, invoice_date, order_date, quote_date))
             as date) as month
    from spend
    where status <> 'cancelled'
),

rated as (
    select
        s.*,
        fiscal_year_of(s.month) as fiscal_year,
        rate_to_base(s.currency, r.rate) as to_base
    from spend_rows s
    left join fx_rates r on r.currency = s.currency and r.month = s.month
),

converted as (
    select
        * exclude (to_base),
        in_base(amount_net, to_base) as amount_base,
        in_base(paid_amount, to_base) as paid_amount_base,
        -- What is still to pay of an invoice (SPEC §4, credit notes included): the amount
        -- less what is paid of it. Null where nothing is open: not an invoice, or paid in full.
        case when status = 'invoiced' and paid_amount is distinct from amount_net
             then in_base(amount_net - coalesce(paid_amount, 0), to_base) end as open_base
    from rated
)

select * from converted
