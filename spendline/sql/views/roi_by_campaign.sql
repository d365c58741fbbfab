-- SPEC §5: per campaign and channel. Ledger rows that name no campaign are `Unallocated`.
create or replace view roi_by_campaign as
select * exclude (by_channel)
from roi_rollup
where not by_channel
order by campaign = unallocated(), campaign, channel
