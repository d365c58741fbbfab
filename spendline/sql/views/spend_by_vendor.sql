-- SPEC §5: per vendor, with its category from the vendor archive.
create or replace view spend_by_vendor as
with figures as (
    select
        vendor,
        count(*) as documents,
        sum(committed) as committed,
        sum(actual) as actual,
        sum(paid) as paid
    from ledger_figures
    where in_months(month) and ledger_kept(channel, platform, category, campaign, account, vendor)
    group by all
)

select
    f.vendor,
    v.category as vendor_category,
    f.documents,
    money(f.committed) as committed,
    money(f.actual) as actual,
    money(f.paid) as paid,
    money(f.actual - f.paid) as unpaid
from figures f
left join vendors v using (vendor)
order by f.actual desc, f.vendor
