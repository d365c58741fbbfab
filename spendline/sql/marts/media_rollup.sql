-- The media figures added up for the pages' tiles, charts and tables: `level` says by what
-- (total, channel, platform within channel, campaign within channel).
create or replace view media_rollup as
select * from media_figures('media_sums')
order by level, channel, platform, campaign
