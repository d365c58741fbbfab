-- Budget lines near or over their budget: per channel and per budget line (its code, within
-- its account), committed (actual + open orders) against the budget in force (adjustments
-- included) for the months and filters chosen. 'reached 90%' from 90% of the budget,
-- 'reached 100%' from the whole budget; committed money with no budget at all is
-- 'no budget'. Ledger rows draw on a budget line through their budget_line code.
create or replace view budget_alerts as
with channel_budgets as (
    select channel, sum(amount_base) as budget
    from budget_base
    where version = 'budget' and in_months(month)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

channel_spend as (
    select channel, sum(committed) as committed, sum(actual) as actual
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

line_budgets as (
    select account, budget_line, any_value(channel order by channel) as channel,
           sum(amount_base) as budget
    from budget_base
    where version = 'budget' and budget_line is not null and in_months(month)
      and budget_kept(channel, platform, category, campaign, account)
    group by all
),

line_spend as (
    select account, budget_line, any_value(channel order by channel) as channel,
           sum(committed) as committed, sum(actual) as actual
    from ledger_figures
    where budget_line is not null and in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

lines as (
    select
        'channel' as level, null as account, channel, null as budget_line,
        coalesce(b.budget, 0) as budget,
        coalesce(s.committed, 0) as committed, coalesce(s.actual, 0) as actual
    from channel_budgets b
    full outer join channel_spend s using (channel)
    union all
    select
        'budget_line', account, coalesce(b.channel, s.channel), budget_line,
        coalesce(b.budget, 0), coalesce(s.committed, 0), coalesce(s.actual, 0)
    from line_budgets b
    full outer join line_spend s using (account, budget_line)
),

judged as (
    select
        *,
        case
            when budget <= 0 and committed > 0 then 'no budget'
            when budget > 0 and committed >= budget then 'reached 100%'
            when budget > 0 and committed >= 0.9 * budget then 'reached 90%'
        end as alert
    from lines
)

select
    level,
    account,
    channel,
    budget_line,
    money(budget) as budget,
    money(committed) as committed,
    money(actual) as actual,
    ratio(committed, budget) as committed_pct,
    ratio(actual, budget) as actual_pct,
    alert
from judged
where alert is not null
order by level, committed_pct desc nulls first, account, channel, budget_line
