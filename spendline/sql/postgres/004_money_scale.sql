-- Money kept to six decimals (SPEC §1: ad platforms report fractions of a cent), the paid
-- amount of a partly paid document (SPEC §2.2), and results whose sheet has no leads or
-- revenue (SPEC §2.3: empty, not 0). Widening numeric(18,2) to (18,6) keeps every value.
alter table budget_rows alter column amount type numeric(18, 6);

alter table spend_rows
    alter column amount_net type numeric(18, 6),
    alter column vat_amount type numeric(18, 6),
    add column paid_amount numeric(18, 6);

alter table results_rows
    alter column revenue type numeric(18, 6),
    alter column revenue drop not null,
    alter column platform_spend type numeric(18, 6),
    alter column leads drop not null;
