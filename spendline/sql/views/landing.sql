-- SPEC §5: per fiscal year and channel, actual up to the as-of month, plus what is left of the
-- as-of month's forecast (a month still open lands at least at its forecast, so the landing
-- does not drop on the 1st), plus forecast after it. Landing is a whole-year figure: the
-- month range picks the fiscal years, not the months.
create or replace view landing as
with final as (
    select
        fiscal_year, channel,
        coalesce(sum(budget), 0) as budget,
        coalesce(sum(actual), 0) as actual_to_date,
        current_month_remaining(sum(forecast) filter (where month = as_of_month()),
                                sum(actual) filter (where month = as_of_month()))
            as current_month_remaining,
        coalesce(sum(forecast) filter (where month > as_of_month()), 0) as forecast_after
    from plan_and_ledger
    -- what a landing counts: the budget, the forecast from the as-of month on, the actual up
    -- to it (a year or channel with nothing else but later ledger rows has no landing row)
    where in_fiscal_years(fiscal_year)
      and (source = 'budget'
           or (source = 'forecast' and month >= as_of_month())
           or (source = 'ledger' and month <= as_of_month()))
    group by all
)

select
    fiscal_year,
    channel,
    money(budget) as budget,
    money(actual_to_date) as actual_to_date,
    money(current_month_remaining) as current_month_remaining,
    money(forecast_after) as forecast_after,
    money(actual_to_date + current_month_remaining + forecast_after) as landing,
    money(actual_to_date + current_month_remaining + forecast_after - budget) as landing_vs_budget
from final
order by fiscal_year, channel
