-- Saved views (issue 19), as in schema.sql: a name for a set of the sidebar's filters (their URL
-- query parameters as JSON), per owner, shared with every user or not.
-- (006 is another change's number.)
create table saved_views (
    owner      text not null,
    name       text not null,
    shared     boolean not null,
    params     text not null,
    saved_at   timestamp not null,
    primary key (owner, name)
);
