-- SPEC §5: per fiscal year and channel, actual up to the as-of month, plus what is left of the
-- as-of month's forecast (a month still open lands at least at its forecast, so the landing
-- does not drop on the 1st), plus forecast after it. Landing is a whole-year figure: the
-- month range picks the fiscal years, not the months.
create or replace view landing as
with budgets as (
    select fiscal_year, channel, sum(amount_base) as budget
    from budget_base
    where version = 'budget' and budget_kept(channel, platform, category, campaign, account)
    group by all
),

forecasts as (
    select fiscal_year, channel, sum(amount_base) as forecast_after
    from forecast_base
    where month > as_of_month()
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

actuals as (
    select
        fiscal_year, channel,
        sum(actual) as actual_to_date,
        sum(actual) filter (where month = as_of_month()) as actual_now
    from ledger_figures
    where month <= as_of_month()
      and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

forecasts_now as (
    select fiscal_year, channel, sum(amount_base) as forecast_now
    from forecast_base
    where month = as_of_month()
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

keys as (
    select fiscal_year, channel from budgets
    union select fiscal_year, channel from forecasts
    union select fiscal_year, channel from actuals
    union select fiscal_year, channel from forecasts_now
),

final as (
    select
        k.fiscal_year, k.channel,
        coalesce(b.budget, 0) as budget,
        coalesce(a.actual_to_date, 0) as actual_to_date,
        current_month_remaining(n.forecast_now, a.actual_now) as current_month_remaining,
        coalesce(f.forecast_after, 0) as forecast_after
    from keys k
    left join budgets b using (fiscal_year, channel)
    left join forecasts f using (fiscal_year, channel)
    left join actuals a using (fiscal_year, channel)
    left join forecasts_now n using (fiscal_year, channel)
    where in_fiscal_years(k.fiscal_year)
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
