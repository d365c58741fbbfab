-- SPEC §5: month × channel with any budget, forecast or ledger row.
create or replace view budget_vs_actual as
with final as (
    select
        month, channel,
        coalesce(sum(budget), 0) as budget,
        coalesce(sum(forecast), 0) as forecast,
        coalesce(sum(quoted), 0) as quoted,
        coalesce(sum(committed), 0) as committed,
        coalesce(sum(actual), 0) as actual,
        coalesce(sum(paid), 0) as paid
    from plan_and_ledger
    where in_months(month)
    group by all
)

select
    strftime(month, '%Y-%m') as month,
    channel,
    money(budget) as budget,
    money(forecast) as forecast,
    money(quoted) as quoted,
    money(committed) as committed,
    money(actual) as actual,
    money(paid) as paid,
    money(actual - budget) as variance,
    ratio(actual - budget, budget) as variance_pct
from final
order by final.month, channel
