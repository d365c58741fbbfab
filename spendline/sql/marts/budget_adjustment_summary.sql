-- Per channel, the budget as uploaded, the approved adjustments in force and the budget now
-- (their sum, the `budget` of every other view), for the months and filters chosen.
create or replace view budget_adjustment_summary as
with lines as (
    select
        channel,
        sum(amount_base) filter (where adjustment_id is null) as original_budget,
        sum(amount_base) filter (where adjustment_id is not null) as adjustments,
        sum(amount_base) as budget
    from budget_base
    where version = 'budget' and in_months(month)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
)

select
    channel,
    money(coalesce(original_budget, 0)) as original_budget,
    money(coalesce(adjustments, 0)) as adjustments,
    money(budget) as budget
from lines
order by channel
