-- Import profiles (SPEC §1.1), as in schema.sql: the profile's JSON by name, its owner and
-- whether it is shared. header_mappings is no longer read (profiles replaced it).
create table import_profiles (
    name       text primary key,
    owner      text not null,
    shared     boolean not null,
    definition text not null,
    saved_at   timestamp not null
);
