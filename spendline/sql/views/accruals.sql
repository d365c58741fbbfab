-- SPEC §5: finance's month-end accruals, the cost delivered but not yet invoiced, one line
-- per month × source × channel × platform (× vendor and document for an order), up to the
-- as-of month, only lines with something to accrue.
--   platform: what the ad platforms report beyond what was invoiced, per month × channel ×
--     platform, grouped as in platform_reconciliation (rows without a platform, on either
--     side, meet under an empty platform). Results have no vendor or category: those filters
--     leave this source whole, and its invoiced side is filtered only on what results have
--     too, else a vendor filter would set a platform's whole spend against one vendor.
--   order: the open part of each order of a month already over: ledger_figures' open_order,
--     the rule of `committed` (worked out from every invoice in the store, whatever the
--     filters), so what it has drawn is the order less that open part.
create or replace view accruals as
with invoiced as (
    select month, channel, coalesce(platform, '') as platform, sum(actual) as actual
    from ledger_figures
    where month <= as_of_month() and in_months(month)
      and results_kept(channel, platform, campaign_or_unallocated(campaign), account)
    group by all
),

reported as (
    select * from reported_spend where month <= as_of_month()
),

platform_lines as (
    select
        r.month, 'platform' as source, r.channel, r.platform,
        cast(null as varchar) as vendor, cast(null as varchar) as document_id,
        r.platform_spend as reported_or_ordered,
        coalesce(i.actual, 0) as invoiced
    from reported r
    left join invoiced i using (month, channel, platform)
),

order_lines as (
    select
        month, 'order' as source, channel, coalesce(platform, '') as platform, vendor,
        document_id,
        amount_base as reported_or_ordered,
        amount_base - open_order as invoiced
    from ledger_figures
    where status = 'ordered' and open_order > 0
      and month < as_of_month() and in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
),

final as (
    select
        *,
        money(reported_or_ordered) as reported_rounded,
        money(invoiced) as invoiced_rounded,
        money(greatest(0, reported_or_ordered - invoiced)) as to_accrue
    from (select * from platform_lines union all select * from order_lines)
)

select
    strftime(month, '%Y-%m') as month,
    source,
    channel,
    platform,
    vendor,
    document_id,
    reported_rounded as reported_or_ordered,
    invoiced_rounded as invoiced,
    to_accrue
from final
where to_accrue > 0
order by final.month, source, channel, platform, vendor, document_id
