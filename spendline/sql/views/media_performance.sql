-- SPEC §5: what the ad platforms report, per month × channel × platform × campaign with
-- results, with the invoiced actual beside it (matching: media_base.sql; figures:
-- media_figures.sql).
create or replace view media_performance as
select * replace (strftime(month, '%Y-%m') as month)
from media_figures('media_base')
order by month, channel, platform, campaign
