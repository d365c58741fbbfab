-- The supplier archive per vendor category: vendors, blocked ones, vendors used under the
-- filters, and their actual (summed exactly, rounded once). Ledger vendors the archive lacks
-- are one more row, `(not in archive)`, so the rows add up to the actual of the filters.
-- The vendor and account filters narrow the archive as in vendor_archive. Largest actual
-- first.
create or replace view vendor_categories as
with spend as (
    select vendor, sum(actual) as actual
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by vendor
),

archive as (
    select vendor, category, status
    from vendors
    where kept(vendor, cast(getvariable('vendors') as varchar[]))
      and (len(coalesce(cast(getvariable('accounts') as varchar[]), [])) = 0
           or vendor in (select vendor from ledger
                         where kept(account, cast(getvariable('accounts') as varchar[]))))
),

joined as (
    select
        coalesce(a.category, '(not in archive)') as category,
        a.vendor as archived, a.status, s.vendor as used, s.actual
    from archive a
    full outer join spend s on s.vendor = a.vendor
)

select
    category,
    count(archived) as vendors,
    count(*) filter (where status = 'blocked') as blocked,
    count(used) as vendors_used,
    money(coalesce(sum(actual), 0)) as actual
from joined
group by category
order by coalesce(sum(actual), 0) desc, category
