-- SPEC §5: what the ad platforms report against what was invoiced. Ledger rows without a
-- platform show with an empty platform; missing platform spend counts as 0. Rows with
-- nothing on either side (quotes and orders have no actual) are left out.
create or replace view platform_reconciliation as
with invoiced as (
    select month, channel, coalesce(platform, '') as platform, sum(actual) as actual
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
),

reported as (
    select * from reported_spend
),

final as (
    select
        month, channel, platform,
        coalesce(i.actual, 0) as actual,
        coalesce(r.platform_spend, 0) as platform_spend
    from invoiced i
    full outer join reported r using (month, channel, platform)
)

select
    strftime(month, '%Y-%m') as month,
    channel,
    platform,
    money(actual) as actual,
    money(platform_spend) as platform_spend,
    money(actual - platform_spend) as difference
from final
where actual <> 0 or platform_spend <> 0
order by final.month, channel, platform
