-- SPEC §5: what the ad platforms report, per month × channel × platform × campaign with
-- results, with the invoiced actual beside it (matching: media_base.sql; figures:
-- media_figures.sql, its rows of level 'row').
create or replace view media_performance as
select * exclude (level) replace (strftime(month, '%Y-%m') as month)
from media_figures
where level = 'row'
order by month, channel, platform, campaign
