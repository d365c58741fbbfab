-- Which write last changed each row of the keyed kinds (inserted it, or moved its `current`),
-- by that write's change number (set for the transaction as spendline.change): a replica
-- then pulls only the rows changed since its snapshot, not the whole ledger. A row is known
-- locally by (batch_id, source_row): an Excel row of one sheet, so unique; held so here.
alter table spend_rows add column changed_in bigint not null
    default coalesce(nullif(current_setting('spendline.change', true), ''), '0')::bigint;
alter table results_rows add column changed_in bigint not null
    default coalesce(nullif(current_setting('spendline.change', true), ''), '0')::bigint;
alter table vendors_rows add column changed_in bigint not null
    default coalesce(nullif(current_setting('spendline.change', true), ''), '0')::bigint;
alter table fx_rates_rows add column changed_in bigint not null
    default coalesce(nullif(current_setting('spendline.change', true), ''), '0')::bigint;

create index on spend_rows (changed_in);
create index on results_rows (changed_in);
create index on vendors_rows (changed_in);
create index on fx_rates_rows (changed_in);

create unique index on spend_rows (batch_id, source_row);
create unique index on results_rows (batch_id, source_row);
create unique index on vendors_rows (batch_id, source_row);
create unique index on fx_rates_rows (batch_id, source_row);
