-- Helpers shared by the views.
--
-- Filters come in as session variables (set by spendline/views.py): a NULL or empty list
-- means "all". Money stays DECIMAL: DuckDB divides DECIMALs as floats, so ratios go through
-- exact_ratio, which divides scaled integers and rounds half away from zero.

create or replace macro kept(value, chosen) as
    chosen is null or len(chosen) = 0 or list_contains(chosen, value);

create or replace macro in_months(month) as
    month between coalesce(cast(getvariable('from_month') as date), date '0001-01-01')
              and coalesce(cast(getvariable('to_month') as date), date '9999-12-01');

-- No as-of date chosen means today, and today comes from the one clock (spendline/clock.py):
-- the store sets `today` on every read, so SQL never reads the wall clock.
create or replace macro as_of_date() as
    coalesce(cast(getvariable('as_of') as date), cast(getvariable('today') as date));

-- The as-of day's month (a macro, not a subquery: a subquery costs a join per row).
create or replace macro as_of_month() as cast(date_trunc('month', as_of_date()) as date);

create or replace macro setting(name) as (select value from meta where key = name);

-- The campaign of a ledger row that names none: `Unallocated` (spendline/kinds.UNALLOCATED).
create or replace macro campaign_or_unallocated(campaign) as coalesce(campaign, 'Unallocated');
create or replace macro unallocated() as 'Unallocated';

-- A ledger row that is an actual (SPEC §4): invoiced or paid. Python's twin:
-- spendline/periods.INVOICED; tests/test_periods.py holds the two to the same answers.
create or replace macro is_invoiced(status) as status in ('invoiced', 'paid');

-- The day a ledger row counts on (SPEC §4): its invoice date once invoiced or paid, else its
-- order date, else its quote date; its month is that day's. Python's twin is
-- spendline/periods.ledger_day; tests/test_periods.py holds the two to the same answers.
create or replace macro ledger_day(status, invoice_date, order_date, quote_date) as
    case when is_invoiced(status) then invoice_date
         else coalesce(order_date, quote_date) end;

-- Days an invoice is past its due date at the as-of date (0 or less: not yet due). An invoice
-- without a due date is due on its invoice date.
create or replace macro days_overdue(due_date, invoice_date) as
    date_diff('day', coalesce(due_date, invoice_date), as_of_date());

-- What is left of the as-of month's forecast (SPEC §4 landing): max(0, forecast - actual) of
-- that month, so a month still open lands at least at its forecast and the landing does not
-- drop on the 1st. Python's twin: spendline/metrics.current_month_remaining.
create or replace macro current_month_remaining(forecast_now, actual_now) as
    greatest(coalesce(forecast_now, 0) - coalesce(actual_now, 0), 0);

-- Fiscal years are named after the calendar year they start in (spendline/periods.py).
create or replace macro fiscal_year_of(month) as
    year(month) - case when month(month) < cast(setting('fiscal_first_month') as integer)
                       then 1 else 0 end;

-- n / d as an integer count of 10^-places, rounded half away from zero, exactly.
create or replace macro scaled_ratio(n, d, places) as
    case when n is null or d is null or d = 0 then null else
        cast(
            sign(n) * sign(d) * (
                (abs(cast(n * 10000000000 as hugeint)) * cast(pow(10, places) as hugeint) * 2
                 + abs(cast(d * 10000000000 as hugeint)))
                // (2 * abs(cast(d * 10000000000 as hugeint)))
            ) as decimal(38, 0)
        )
    end;

-- Money per unit (cost per lead, CAC): two decimals.
create or replace macro money_ratio(n, d) as
    cast(scaled_ratio(n, d, 2) * 0.01 as decimal(18, 2));

-- Plain ratios (ROAS, ROI, variance %): four decimals.
create or replace macro ratio(n, d) as
    cast(scaled_ratio(n, d, 4) * 0.0001 as decimal(18, 4));

create or replace macro money(x) as cast(round(x, 2) as decimal(18, 2));

-- The media figures (SPEC §4 "Media"), once for the media_performance view and the Media
-- page's rollup: money per click, per thousand impressions, per lead; ratios of clicks to
-- impressions and of revenue to platform spend.
create or replace macro media_cpc(spend, clicks) as money_ratio(spend, clicks);
create or replace macro media_cpm(spend, impressions) as money_ratio(spend * 1000, impressions);
create or replace macro media_ctr(clicks, impressions) as ratio(clicks, impressions);
create or replace macro media_cpl(spend, leads) as money_ratio(spend, leads);
create or replace macro media_roas(revenue, spend) as ratio(revenue, spend);

-- A figure kept for a ratio only where the ratio's other figure is there too: a media ratio
-- divides only the rows that have both (media_base.sql, media_figures.sql).
create or replace macro kept_with(figure, other) as if(other is null, null, figure);

-- Money (six decimals) in base currency at a rate (eight decimals), exactly: DECIMAL(38,14).
-- Widened first: DuckDB multiplies two DECIMAL(18) in 18 digits, which a large amount at
-- 14 decimals overflows.
create or replace macro in_base(amount, rate) as cast(amount as decimal(24, 6)) * rate;

-- The rate that takes an amount in `currency` to base currency: 1 for the base currency,
-- else the month's fx rate joined by the caller (null when there is none: no figure).
create or replace macro rate_to_base(currency, rate) as
    case when currency = setting('base_currency') then 1 else rate end;

-- Unrounded money for sums the pages add up further (converted amounts carry 14 decimals).
create or replace macro exact(x) as cast(x as decimal(38, 14));
