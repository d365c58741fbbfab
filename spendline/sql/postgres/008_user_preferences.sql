-- Each user's number format (issue 16), as in schema.sql: a key of spendline.formats.STYLES
-- and where the currency's sign goes. Not data: saving one changes no figure.
create table user_preferences (
    email             text primary key,
    numbers           text not null,
    currency_position text not null,
    saved_at          timestamp not null
);
