-- Every budget adjustment request with what it needs and what became of it. A pending
-- request needs the level its amount calls for under the thresholds in force (the rule of
-- approval_flags.sql); a decided one keeps the level it was decided under. An approved
-- request whose batch was rolled back reads 'rolled back'; one whose budget line is no longer
-- in force reads 'orphaned' and counts nowhere (schema.sql, orphaned_adjustments).
create or replace view budget_adjustment_requests as
select
    a.adjustment_id,
    a.requested_at,
    a.requested_by,
    a.kind,
    money(a.amount) as amount,
    a.currency,
    a.reason,
    a.from_account,
    coalesce(a.from_budget_line, a.from_channel) as from_line,
    strftime(a.from_month, '%Y-%m') as from_month,
    a.to_account,
    coalesce(a.to_budget_line, a.to_channel) as to_line,
    strftime(a.to_month, '%Y-%m') as to_month,
    case
        when a.status <> 'pending' then a.required_level
        when a.amount < cast(setting('threshold_finance') as decimal(18, 2)) then 'manager'
        when a.amount < cast(setting('threshold_executive') as decimal(18, 2)) then 'finance'
        else 'executive'
    end as required_level,
    case when a.status = 'approved' and b.rolled_back_at is not null then 'rolled back'
         when a.status = 'approved'
              and a.adjustment_id in (select adjustment_id from orphaned_adjustments)
              then 'orphaned'
         else a.status end as status,
    a.decided_at,
    a.decided_by,
    a.decided_level,
    a.decision_note,
    a.batch_id
from budget_adjustments a
left join batches b using (batch_id)
order by a.adjustment_id desc
