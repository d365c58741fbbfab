-- media_figures added up for the pages' tiles, charts and tables: `level` says by what
-- (total, channel, platform within channel, campaign within channel).
create or replace view media_rollup as
select * exclude (month)
from media_figures
where level <> 'row'
order by level, channel, platform, campaign
