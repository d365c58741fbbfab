-- Every ledger row that counts (not cancelled), in its month and in base currency, worked
-- out from the rows in force (or as they stood at `as_at`). The views read `ledger`, which
-- takes these rows from the table ledger_facts (ledger_figures.sql).
-- Month of a row: invoice date for invoiced and paid rows, else order date, else quote date.
create or replace view ledger_live as
with spend_rows as (
    select
        *,
        cast(date_trunc('month', case when status in ('invoiced', 'paid') then invoice_date
                                      else coalesce(order_date, quote_date) end) as date)
            as month
    from spend
    where status <> 'cancelled'
),

converted as (
    select
        s.*,
        fiscal_year_of(s.month) as fiscal_year,
        s.amount_net * case when s.currency = setting('base_currency') then 1
                            else r.rate end as amount_base
    from spend_rows s
    left join fx_rates r on r.currency = s.currency and r.month = s.month
)

select * from converted
