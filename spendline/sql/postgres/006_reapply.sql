-- A rolled-back batch re-applied (its rollback undone), as in schema.sql: when and by whom,
-- and the rollback it undid, so that "as it stood" in between still leaves it out.
alter table batches add column reapplied_at timestamp;
alter table batches add column reapplied_by text;
alter table batches add column was_rolled_back_at timestamp;
alter table batches add column was_rolled_back_by text;
