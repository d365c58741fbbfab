"""The views of the rows in force for each kind merged by a key (spend, results, vendors,
fx_rates), and their `_as_stood` twins for "compare with", made from the kind's key in
spendline/kinds.py, so that what "the same row" means cannot drift between the two. The budget,
merged by scope rather than by key, has its pair written out in schema.sql."""

from __future__ import annotations

from spendline.kinds import KINDS

KEYED_KINDS = [name for name, kind in KINDS.items() if kind.key]


def kind_views(name: str) -> str:
    """`name` (the current rows) and `name_as_stood` (the latest row per key among the
    batches in force at the variable `as_at`)."""
    key = ", ".join(KINDS[name].key)
    return f"""
create or replace view {name} as
select * exclude (current) from {name}_rows where current;

create or replace view {name}_as_stood as
select * exclude (current, n) from (
    select *, row_number() over (
        partition by {key} order by batch_id desc, source_row desc) as n
    from {name}_rows
    where batch_id in (select batch_id from batches_at(cast(getvariable('as_at') as timestamp)))
)
where n = 1;
"""


def all_kind_views() -> str:
    return "".join(kind_views(name) for name in KEYED_KINDS)
