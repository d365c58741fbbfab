-- Per-client restriction in the database itself: a PostgreSQL role with grants here (a
-- replica serving one agency, say) reads only its accounts' rows, so its snapshot never
-- holds another account's data. The app's own role owns the tables and is not limited
-- (owners bypass row-level security); a role without grants sees no account's rows.
create table account_grants (
    role_name text not null,
    account   text not null,
    primary key (role_name, account)
);

-- Security definer, so a restricted role needs no access to the grants of others. The
-- role that logged in (session_user), not the function's owner.
create function granted_accounts() returns setof text language sql stable security definer
    set search_path = public as $$
    select account from account_grants where role_name = session_user
$$;

alter table budget_rows enable row level security;
create policy account_scope on budget_rows
    using (account in (select granted_accounts()));

alter table spend_rows enable row level security;
create policy account_scope on spend_rows
    using (account in (select granted_accounts()));

alter table results_rows enable row level security;
create policy account_scope on results_rows
    using (account in (select granted_accounts()));

alter table budget_scopes enable row level security;
create policy account_scope on budget_scopes
    using (account in (select granted_accounts()));

alter table budget_adjustment_rows enable row level security;
create policy account_scope on budget_adjustment_rows
    using (account in (select granted_accounts()));

alter table budget_adjustments enable row level security;
create policy account_scope on budget_adjustments
    using (to_account in (select granted_accounts())
           and (from_account is null or from_account in (select granted_accounts())));

-- Users limited to some of the granted accounts; never those who see everything.
alter table users enable row level security;
create policy account_scope on users
    using (cardinality(accounts) > 0
           and accounts <@ array(select granted_accounts()));
