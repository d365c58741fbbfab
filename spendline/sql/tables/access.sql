-- Who may see and change what. Kept apart from schema.sql: created by spendline/access.py.
create table if not exists users (
    email    varchar primary key,   -- as the sign-in provider gives it, lower case
    role     varchar not null,      -- viewer, editor or admin
    accounts varchar[] not null     -- client accounts the user may see; empty: all
);
