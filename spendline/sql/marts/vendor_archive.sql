-- The supplier archive (SPEC §2.4) with each vendor's spend (spend_by_vendor) and when it was
-- last used: the latest date of its ledger rows (invoice date for invoices, else order or
-- quote date) on or before the as-of date, so a quote dated next month is not "last used";
-- both under the filters. Every archived vendor is listed (the vendor filter narrows the
-- list), also those with no spend: documents 0, money 0.00, last_used empty. By category,
-- then vendor. An account filter (a user restricted to client accounts has one) keeps only the
-- vendors with ledger rows in those accounts: other clients' suppliers stay out of sight.
create or replace view vendor_archive as
with used as (
    select
        vendor,
        max(day) filter (where day <= as_of_date()) as last_used
    from (
        select
            vendor,
            ledger_day(status, invoice_date, order_date, quote_date) as day
        from ledger
        where in_months(month)
          and ledger_kept(channel, platform, category, campaign, account, vendor)
    )
    group by vendor
)

select
    v.vendor, v.category, v.status, v.rating, v.services, v.city, v.country,
    v.contact, v.email, v.phone, v.website, v.notes,
    u.last_used,
    coalesce(s.documents, 0) as documents,
    coalesce(s.committed, money(0)) as committed,
    coalesce(s.actual, money(0)) as actual,
    coalesce(s.paid, money(0)) as paid,
    coalesce(s.unpaid, money(0)) as unpaid
from vendors v
left join spend_by_vendor s using (vendor)
left join used u using (vendor)
where kept(v.vendor, cast(getvariable('vendors') as varchar[]))
  and (len(coalesce(cast(getvariable('accounts') as varchar[]), [])) = 0
       or v.vendor in (select vendor from ledger
                       where kept(account, cast(getvariable('accounts') as varchar[]))))
order by v.category, v.vendor
