-- The forecast of SPEC §4: the `forecast` version where the fiscal year has any forecast
-- rows (then lines without forecast rows have forecast 0), else the `budget` version. Judged
-- on the whole fiscal year in the store, so no filter changes which version counts.
create or replace view forecast_base as
with years_with_forecast as (
    select distinct fiscal_year from budget_base where version = 'forecast'
)

select b.*
from budget_base b
where (b.version = 'forecast'
       and b.fiscal_year in (select fiscal_year from years_with_forecast))
   or (b.version = 'budget'
       and b.fiscal_year not in (select fiscal_year from years_with_forecast))
