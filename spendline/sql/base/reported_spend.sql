-- What the ad platforms report spent, per month × channel × platform (rows without a platform
-- under an empty one), filtered like results: the reported side of the platform
-- reconciliation and of the platform accruals, written once.
create or replace view reported_spend as
select
    month, channel, coalesce(platform, '') as platform,
    sum(coalesce(platform_spend, 0)) as platform_spend
from results_base
where in_months(month) and results_kept(channel, platform, campaign, account)
group by all
