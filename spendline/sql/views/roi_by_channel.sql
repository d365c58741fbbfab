-- SPEC §5: spend (every ledger row of the channel) against leads and revenue per channel.
create or replace view roi_by_channel as
select * exclude (by_channel, campaign)
from roi_rollup
where by_channel
order by channel
