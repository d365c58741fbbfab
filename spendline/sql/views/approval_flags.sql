-- SPEC §5: one row per ledger row that breaks the approval rules. Required level by the
-- amount in base currency and the thresholds in the settings; a credit note needs manager.
create or replace view approval_flags as
with thresholds as (  -- read once, not once per row
    select
        cast(setting('threshold_finance') as decimal(18, 2)) as finance,
        cast(setting('threshold_executive') as decimal(18, 2)) as executive
),

checked as (
    select
        vendor,
        document_id,
        status,
        amount_base,
        case
            when amount_base < 0 then 'manager'
            when amount_base < t.finance then 'manager'
            when amount_base < t.executive then 'finance'
            else 'executive'
        end as required_level,
        approval_level,
        lower(trim(approval_level)) as given_level,
        has_contract, has_invoice, has_receipt
    from ledger
    cross join thresholds t
    where in_months(month)
      and ledger_kept(channel, platform, category, campaign, account, vendor)
),

ranked as (
    select
        *,
        list_position(['manager', 'finance', 'executive'], required_level) as required_rank,
        list_position(['manager', 'finance', 'executive'], given_level) as given_rank,
        case when status = 'paid' then concat_ws(', ',
            case when not has_contract then 'contract' end,
            case when not has_invoice then 'invoice' end,
            case when not has_receipt then 'receipt' end) end as missing
    from checked
),

reasons as (
    select
        *,
        concat_ws('; ',
            case
                when given_level is null or given_level = '' then 'approval missing'
                when given_rank is null then 'approval level not recognised'
                when given_rank < required_rank then 'approval too low for the amount'
            end,
            case when missing <> '' then 'paid without ' || missing end
        ) as reason
    from ranked
)

select
    vendor,
    document_id,
    money(amount_base) as amount_base,
    required_level,
    approval_level,
    nullif(missing, '') as missing_documents,
    reason
from reasons
where reason <> ''
order by vendor, document_id
