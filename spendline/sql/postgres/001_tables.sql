-- The store's tables in PostgreSQL: the same names, columns and types as schema.sql and
-- access.sql (DuckDB), so a snapshot pulled from here fills those tables one for one. The
-- views are not here: they run in DuckDB over the snapshot (spendline/stores/snapshot.py).

create table meta (
    key   text primary key,
    value text not null
);

create sequence batch_ids start 1;

create table batches (
    batch_id       integer primary key,
    upload_id      text not null,
    file_name      text not null,
    sha256         text not null,
    sheet          text not null,
    kind           text not null,
    rows           integer not null,
    added          integer not null,
    changed        integer not null,
    replaced       integer not null,
    uploaded_at    timestamp not null,
    uploaded_by    text not null,
    rolled_back_at timestamp,
    rolled_back_by text,
    note           text
);

create table budget_rows (
    batch_id    integer not null,
    source_row  integer not null,
    current     boolean not null default true,
    month       date not null,
    fiscal_year integer not null,
    channel     text not null,
    platform    text,
    category    text not null,
    campaign    text,
    account     text not null,
    amount      numeric(18, 2) not null,
    currency    text not null,
    version     text not null,
    budget_line text
);

create table spend_rows (
    batch_id       integer not null,
    source_row     integer not null,
    current        boolean not null default true,
    document_id    text not null,
    vendor         text not null,
    channel        text not null,
    status         text not null,
    amount_net     numeric(18, 2) not null,
    vat_amount     numeric(18, 2),
    vat_rate       numeric(18, 6),
    currency       text not null,
    platform       text,
    category       text not null,
    campaign       text,
    account        text not null,
    budget_line    text,
    description    text,
    po_number      text,
    quote_date     date,
    order_date     date,
    invoice_date   date,
    due_date       date,
    paid_date      date,
    has_contract   boolean not null,
    has_invoice    boolean not null,
    has_receipt    boolean not null,
    approved_by    text,
    approval_level text
);

create table results_rows (
    batch_id       integer not null,
    source_row     integer not null,
    current        boolean not null default true,
    date           date not null,
    campaign       text not null,
    channel        text not null,
    platform       text,
    account        text not null,
    impressions    bigint,
    clicks         bigint,
    leads          bigint not null,
    opportunities  bigint,
    customers      bigint,
    revenue        numeric(18, 2) not null,
    platform_spend numeric(18, 2),
    currency       text not null
);

create table vendors_rows (
    batch_id   integer not null,
    source_row integer not null,
    current    boolean not null default true,
    vendor     text not null,
    category   text not null,
    services   text,
    contact    text,
    email      text,
    phone      text,
    city       text,
    country    text,
    website    text,
    rating     integer,
    status     text not null,
    notes      text
);

create table fx_rates_rows (
    batch_id   integer not null,
    source_row integer not null,
    current    boolean not null default true,
    currency   text not null,
    month      date not null,
    rate       numeric(18, 8) not null
);

create table budget_scopes (
    batch_id    integer not null,
    version     text not null,
    account     text not null,
    fiscal_year integer not null,
    first_month date not null,
    last_month  date not null
);

create table settings_rows (
    batch_id integer not null,
    key      text not null,
    value    text not null,
    previous text not null,
    current  boolean not null default false
);

create table channel_mapping_rows (
    batch_id  integer not null,
    alias     text not null,
    alias_key text not null,
    channel   text,
    current   boolean not null default false
);

create sequence adjustment_ids start 1;

create table budget_adjustments (
    adjustment_id    integer primary key,
    kind             text not null,
    amount           numeric(18, 2) not null,
    currency         text not null,
    reason           text not null,
    from_account     text,
    from_channel     text,
    from_category    text,
    from_platform    text,
    from_campaign    text,
    from_budget_line text,
    from_month       date,
    to_account       text not null,
    to_channel       text not null,
    to_category      text not null,
    to_platform      text,
    to_campaign      text,
    to_budget_line   text,
    to_month         date not null,
    status           text not null,
    requested_at     timestamp not null,
    requested_by     text not null,
    decided_at       timestamp,
    decided_by       text,
    decided_level    text,
    required_level   text,
    decision_note    text,
    batch_id         integer
);

create table budget_adjustment_rows (
    batch_id      integer not null,
    source_row    integer not null,
    current       boolean not null default true,
    adjustment_id integer not null,
    month         date not null,
    fiscal_year   integer not null,
    channel       text not null,
    platform      text,
    category      text not null,
    campaign      text,
    account       text not null,
    amount        numeric(18, 2) not null,
    currency      text not null,
    version       text not null,
    budget_line   text
);

create table header_mappings (
    kind      text not null,
    header    text not null,
    canonical text not null,
    primary key (kind, header)
);

create table users (
    email    text primary key,
    role     text not null,
    accounts text[] not null
);

-- Which tables changed in which write (a number from change_ids): a replica polls the
-- largest (under a millisecond) and pulls only the tables whose number moved.
create sequence change_ids start 1;

create table table_versions (
    table_name text primary key,
    version    bigint not null
);

-- Merge by key and rollback number the rows of a key: these keep that a sort of one key.
create index on spend_rows (vendor, document_id);
create index on results_rows (date, campaign, channel);
create index on vendors_rows (vendor);
create index on fx_rates_rows (currency, month);
create index on budget_rows (batch_id);
create index on budget_scopes (batch_id);

-- The fiscal year of a month under the first month in force (DuckDB: macros.sql).
create function fiscal_year_of(m date) returns integer language sql stable as $$
    select extract(year from m)::integer
           - case when extract(month from m)::integer
                       < (select value::integer from meta where key = 'fiscal_first_month')
                  then 1 else 0 end
$$;
