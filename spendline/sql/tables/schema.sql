-- The store's tables. Every uploaded row is kept for ever in a *_rows table with the batch
-- that brought it; `current` marks the rows in force (spendline/stores/duckdb_file.py and
-- pg_writes.py set it: merge by key, budget replacement, rollback). The pages read the plain views below.

create table if not exists meta (
    key   varchar primary key,
    value varchar not null
);

create sequence if not exists batch_ids start 1;

create table if not exists batches (
    batch_id       integer primary key,
    upload_id      varchar not null,      -- the batches of one upload share it
    file_name      varchar not null,
    sha256         varchar not null,
    sheet          varchar not null,
    kind           varchar not null,
    rows           integer not null,
    added          integer not null,
    changed        integer not null,
    replaced       integer not null,
    uploaded_at    timestamp not null,
    uploaded_by    varchar not null,
    rolled_back_at timestamp,
    rolled_back_by varchar,
    note           varchar                -- what a settings change or adjustment did
);

-- Stores made before batches had a note.
alter table batches add column if not exists note varchar;
-- A rolled-back batch re-applied (its rollback undone): when and by whom, and the rollback it
-- undid (was_rolled_back_*), kept so that "as it stood" in between still leaves it out.
alter table batches add column if not exists reapplied_at timestamp;
alter table batches add column if not exists reapplied_by varchar;
alter table batches add column if not exists was_rolled_back_at timestamp;
alter table batches add column if not exists was_rolled_back_by varchar;

create table if not exists budget_rows (
    batch_id    integer not null,
    source_row  integer not null,
    current     boolean not null default true,
    month       date not null,
    fiscal_year integer not null,
    channel     varchar not null,
    platform    varchar,
    category    varchar not null,
    campaign    varchar,
    account     varchar not null,
    amount      decimal(18, 6) not null,
    currency    varchar not null,
    version     varchar not null,
    budget_line varchar
);

create table if not exists spend_rows (
    batch_id       integer not null,
    source_row     integer not null,
    current        boolean not null default true,
    document_id    varchar not null,
    vendor         varchar not null,
    channel        varchar not null,
    status         varchar not null,
    amount_net     decimal(18, 6) not null,
    vat_amount     decimal(18, 6),
    vat_rate       decimal(18, 6),
    currency       varchar not null,
    platform       varchar,
    category       varchar not null,
    campaign       varchar,
    account        varchar not null,
    budget_line    varchar,
    description    varchar,
    po_number      varchar,
    quote_date     date,
    order_date     date,
    invoice_date   date,
    due_date       date,
    paid_date      date,
    has_contract   boolean not null,
    has_invoice    boolean not null,
    has_receipt    boolean not null,
    approved_by    varchar,
    approval_level varchar,
    paid_amount    decimal(18, 6)   -- paid so far; null on a paid row: paid in full
);

create table if not exists results_rows (
    batch_id       integer not null,
    source_row     integer not null,
    current        boolean not null default true,
    date           date not null,
    campaign       varchar not null,
    channel        varchar not null,
    platform       varchar,
    account        varchar not null,
    impressions    bigint,
    clicks         bigint,
    leads          bigint,            -- null: the sheet has no leads (not 0)
    opportunities  bigint,
    customers      bigint,
    revenue        decimal(18, 6),    -- null: the sheet has no revenue (not 0)
    platform_spend decimal(18, 6),
    currency       varchar not null
);

create table if not exists vendors_rows (
    batch_id   integer not null,
    source_row integer not null,
    current    boolean not null default true,
    vendor     varchar not null,
    category   varchar not null,
    services   varchar,
    contact    varchar,
    email      varchar,
    phone      varchar,
    city       varchar,
    country    varchar,
    website    varchar,
    rating     integer,
    status     varchar not null,
    notes      varchar
);

create table if not exists fx_rates_rows (
    batch_id   integer not null,
    source_row integer not null,
    current    boolean not null default true,
    currency   varchar not null,
    month      date not null,
    rate       decimal(18, 8) not null
);

-- The fiscal years each budget batch replaces, as months, fixed when the batch is applied: a
-- budget row is in force unless a later batch's scope of its version and account covers its
-- month. Kept as months (not fiscal-year names) so a later change of the fiscal year's first
-- month regroups the budget into other fiscal years without changing which rows are in force.
create table if not exists budget_scopes (
    batch_id    integer not null,
    version     varchar not null,
    account     varchar not null,
    fiscal_year integer not null,   -- as named when the batch was applied
    first_month date not null,
    last_month  date not null
);

-- Settings changes (kind 'settings' batches): per key, the value in force is the one of the
-- latest batch not rolled back; with none left, the value before the first recorded change.
create table if not exists settings_rows (
    batch_id integer not null,
    key      varchar not null,
    value    varchar not null,
    previous varchar not null,
    current  boolean not null default false
);

-- Channel names read as another channel on intake ("FB" -> "Paid Social"), also changed
-- through settings batches: per alias, the latest batch not rolled back; channel null means
-- the mapping was removed.
create table if not exists channel_mapping_rows (
    batch_id  integer not null,
    alias     varchar not null,   -- as the user typed it
    alias_key varchar not null,   -- as matched: loaders.intake.channel_key
    channel   varchar,
    current   boolean not null default false
);

-- Budget adjustment requests: move budget between lines or months, or add to it. An approved
-- request becomes a 'budget_adjustment' batch whose lines are budget_adjustment_rows.
create sequence if not exists adjustment_ids start 1;

create table if not exists budget_adjustments (
    adjustment_id    integer primary key,
    kind             varchar not null,    -- 'move' or 'add'
    amount           decimal(18, 2) not null,
    currency         varchar not null,    -- the base currency when requested
    reason           varchar not null,
    from_account     varchar,             -- the line and month budget is taken from (move)
    from_channel     varchar,
    from_category    varchar,
    from_platform    varchar,
    from_campaign    varchar,
    from_budget_line varchar,
    from_month       date,
    to_account       varchar not null,    -- the line and month budget goes to
    to_channel       varchar not null,
    to_category      varchar not null,
    to_platform      varchar,
    to_campaign      varchar,
    to_budget_line   varchar,
    to_month         date not null,
    status           varchar not null,    -- pending, approved, rejected
    requested_at     timestamp not null,
    requested_by     varchar not null,
    decided_at       timestamp,
    decided_by       varchar,
    decided_level    varchar,             -- the level the decision was taken at
    required_level   varchar,             -- the level the amount needed at the decision
    decision_note    varchar,
    batch_id         integer              -- the batch an approval made
);

-- The budget lines an approved adjustment adds: -amount on the line it takes from and
-- +amount on the line it goes to (a move), or +amount alone (an addition). Always version
-- 'budget'. Never replaced by a budget upload: they stay until their batch is rolled back.
create table if not exists budget_adjustment_rows (
    batch_id      integer not null,
    source_row    integer not null,   -- 1: taken from (or the addition), 2: given to
    current       boolean not null default true,
    adjustment_id integer not null,
    month         date not null,
    fiscal_year   integer not null,
    channel       varchar not null,
    platform      varchar,
    category      varchar not null,
    campaign      varchar,
    account       varchar not null,
    amount        decimal(18, 2) not null,
    currency      varchar not null,
    version       varchar not null,
    budget_line   varchar
);

-- Import profiles (SPEC §1.1), by name: `definition` is the profile's JSON
-- (loaders.profiles.to_json); `owner` saved it; a `shared` one applies to everyone's uploads.
-- Not data: saving one changes no figure.
create table if not exists import_profiles (
    name       varchar primary key,
    owner      varchar not null,
    shared     boolean not null,
    definition varchar not null,
    saved_at   timestamp not null
);

-- Saved views (issue 19): a name for a set of the sidebar's filters, as the URL query
-- parameters they are (JSON: {"fy": "2026", "channel": ["Email"], ...}). `owner` saved it;
-- a `shared` one is offered to every user. Names are per owner. Not data.
create table if not exists saved_views (
    owner      varchar not null,
    name       varchar not null,
    shared     boolean not null,
    params     varchar not null,
    saved_at   timestamp not null,
    primary key (owner, name)
);

-- Each user's number format (issue 16), by the email spendline.access names them with
-- ("local" with sign-in off): `numbers` is a key of spendline.formats.STYLES ("en", "it",
-- "fi"), `currency_position` "before" or "after". Not data: saving one changes no figure.
create table if not exists user_preferences (
    email             varchar primary key,
    numbers           varchar not null,
    currency_position varchar not null,
    saved_at          timestamp not null
);

-- Header mappings the Upload page once remembered per sheet kind for everyone. No longer
-- read: import_profiles replaced them (kept so that older stores open unchanged).
create table if not exists header_mappings (
    kind      varchar not null,
    header    varchar not null,   -- normalized, as loaders.headers.normalize_header gives it
    canonical varchar not null,
    primary key (kind, header)
);

-- The rows in force: the `current` rows. Each view X has a twin X_as_stood: the rows as they
-- stood at the session variable `as_at` (a timestamp): the batches uploaded by that time and
-- not yet rolled back, merged the same way (latest batch per key; per budget scope). Store
-- runs a query with `as_at` set on a connection where every X_as_stood stands in for its X
-- (temporary views shadow these), so that the views never carry the branch they do not use:
-- a union of both costs every query its planning, and its filters the row groups they skip.
create or replace macro batches_at(as_at) as table
    select batch_id from batches
    where uploaded_at <= as_at and (rolled_back_at is null or rolled_back_at > as_at)
      and not coalesce(was_rolled_back_at <= as_at and reapplied_at > as_at, false);

-- Approved adjustments in force with a line that no longer is: no uploaded budget row of that
-- line (account, channel, category, platform, campaign, code) in the adjustment's fiscal year
-- is in force (its budget was rolled back or replaced without it). Such an adjustment counts
-- nowhere, both its lines, and the requests read 'orphaned' (issue 17 §3).
create or replace view orphaned_adjustments as
select distinct a.adjustment_id from budget_adjustment_rows a
where a.current and not exists (
    select 1 from budget_rows b
    where b.current and b.version = 'budget' and b.fiscal_year = a.fiscal_year
      and b.account = a.account and b.channel = a.channel and b.category = a.category
      and b.platform is not distinct from a.platform
      and b.campaign is not distinct from a.campaign
      and b.budget_line is not distinct from a.budget_line);

-- The budget in force: uploaded rows (see budget_scopes) and approved adjustment lines, which
-- carry their adjustment_id (null on uploaded rows), but for orphaned adjustments.
create or replace view budget as
select * exclude (current), null::integer as adjustment_id from budget_rows where current
union all by name
select * exclude (current) from budget_adjustment_rows
where current and adjustment_id not in (select adjustment_id from orphaned_adjustments);

create or replace view budget_as_stood as
with uploaded as (
    select * exclude (current), null::integer as adjustment_id from budget_rows b
    where b.batch_id in (
              select batch_id from batches_at(cast(getvariable('as_at') as timestamp)))
      and not exists (
          select 1 from budget_scopes s
          where s.batch_id in (
                    select batch_id from batches_at(cast(getvariable('as_at') as timestamp)))
            and s.batch_id > b.batch_id and s.version = b.version and s.account = b.account
            and b.month between s.first_month and s.last_month)
),
adjusted as (
    select * exclude (current) from budget_adjustment_rows
    where batch_id in (select batch_id from batches_at(cast(getvariable('as_at') as timestamp)))
)
select * from uploaded
union all by name
-- as orphaned_adjustments, on the rows as they stood
select * from adjusted
where adjustment_id not in (
    select a.adjustment_id from adjusted a
    where not exists (
        select 1 from uploaded b
        where b.version = 'budget' and b.fiscal_year = a.fiscal_year
          and b.account = a.account and b.channel = a.channel and b.category = a.category
          and b.platform is not distinct from a.platform
          and b.campaign is not distinct from a.campaign
          and b.budget_line is not distinct from a.budget_line));

-- spend, results, vendors and fx_rates and their _as_stood twins are made from each kind's key
-- (spendline/kind_views.py).
