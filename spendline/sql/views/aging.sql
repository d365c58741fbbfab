-- SPEC §5: invoices not yet paid (credit notes included) by days past their due date at the
-- as-of date, each by its open amount (less what is paid of it; paid in full: not listed).
-- An invoice with no due date is taken as due on its invoice date.
create or replace view aging as
with bucketed as (
    select
        case
            when days_overdue <= 0 then 'not due'
            when days_overdue <= 30 then '1-30'
            when days_overdue <= 60 then '31-60'
            when days_overdue <= 90 then '61-90'
            else '90+'
        end as bucket,
        amount_base
    from open_invoices
),

buckets as (
    select * from (values ('not due', 1), ('1-30', 2), ('31-60', 3), ('61-90', 4), ('90+', 5))
        as b (bucket, position)
)

select
    b.bucket,
    count(x.amount_base) as invoices,
    money(coalesce(sum(x.amount_base), 0)) as amount
from buckets b
left join bucketed x using (bucket)
group by b.bucket, b.position
order by b.position
