-- Cash-out outlook: open invoices (status invoiced, credit notes included; by their open
-- amount, amount_net less paid_amount; paid in full: not listed) by the week their
-- due date falls in, counted in 7-day weeks from the as-of date: `overdue` (due before the
-- as-of date, the aging's 1 day or more), `week 1` = the as-of date and the 6 days after it,
-- ... `week 8`, then `later`. Every bucket is listed, empty ones with 0. An invoice without a
-- due date is due on its invoice date (as in the aging).
create or replace view payments_due as
with due as (
    select -days_overdue as days_to_due, amount_base from open_invoices
),

bucketed as (
    select
        case
            when days_to_due < 0 then 0
            when days_to_due < 56 then days_to_due // 7 + 1
            else 9
        end as position,
        amount_base
    from due
),

buckets as (
    select
        position,
        case position when 0 then 'overdue' when 9 then 'later'
                      else 'week ' || position end as bucket,
        case when position between 1 and 9
             then cast(as_of_date() + 7 * (position - 1) as date) end as due_from,
        case when position between 0 and 8
             then cast(as_of_date() + 7 * position - 1 as date) end as due_to
    from (select cast(range as integer) as position from range(0, 10))
)

select
    b.bucket,
    b.due_from,
    b.due_to,
    count(x.amount_base) as invoices,
    money(coalesce(sum(x.amount_base), 0)) as amount
from buckets b
left join bucketed x using (position)
group by b.position, b.bucket, b.due_from, b.due_to
order by b.position
