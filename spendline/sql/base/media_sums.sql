-- media_base added up by level (`level`: total, channel, platform within channel, campaign
-- within channel), each figure and each ratio's kept figures (media_base.sql) an exact sum.
create or replace view media_sums as
select
    case when grouping(channel) = 1 then 'total'
         when grouping(platform) = 0 then 'platform'
         when grouping(campaign) = 0 then 'campaign'
         else 'channel' end as level,
    channel, platform, campaign,
    sum(columns(* exclude (month, channel, platform, campaign)))
from media_base
group by grouping sets ((), (channel), (channel, platform), (channel, campaign))
-- the total of nothing (no results match the filters) is no row, not a row of zeros
having count(*) > 0
