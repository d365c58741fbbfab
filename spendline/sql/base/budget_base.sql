-- Budget and forecast lines in base currency, each month at its own rate.
create or replace view budget_base as
select
    b.*,
    in_base(b.amount, rate_to_base(b.currency, r.rate)) as amount_base
from budget b
left join fx_rates r on r.currency = b.currency and r.month = b.month
