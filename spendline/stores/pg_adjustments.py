"""The PostgreSQL store's budget adjustments: a request recorded, then approved (its lines
stored as a batch) or rejected, in one locked transaction each, as the DuckDB file's
(duckdb_adjustments.py)."""

from __future__ import annotations

from spendline.access import User
from spendline.adjustments import APPROVED, REJECTED, Request
from spendline.stores import pg_writes as pg
from spendline.stores.write_plans import plan_decision, plan_request


class PgAdjustments:
    """Mixed into PostgresStore: writes through its `_writing()` transaction."""

    def request_adjustment(self, request: Request, user: User | str = "local") -> int:
        """Record a pending adjustment request; AdjustmentError says what is wrong,
        PermissionDenied what the user may not."""
        with self._writing() as (cur, local):
            values = plan_request(local, request, user)
            columns = ", ".join(values)
            marks = ", ".join(f"%({name})s" for name in values)
            adjustment_id = cur.execute(
                f"insert into budget_adjustments (adjustment_id, {columns}) "
                f"values (nextval('adjustment_ids'), {marks}) returning adjustment_id",
                values).fetchone()[0]
            pg.bump(cur, ["budget_adjustments"])
            return adjustment_id

    def decide_adjustment(self, adjustment_id: int, approve: bool, user: User | str = "local",
                          level: str | None = None, note: str = "") -> int | None:
        """As the DuckDB file's decide_adjustment: an approval stores the adjustment's lines
        as a 'budget_adjustment' batch and returns its id; a rejection changes no budget."""
        with self._writing() as (cur, local):
            request, decision = plan_decision(local, adjustment_id, approve, user, level, note)
            batch_id = (pg.apply_adjustment(cur, adjustment_id, request, decision["user"])
                        if approve else None)
            cur.execute(
                "update budget_adjustments set status = %(status)s, decided_at = %(now)s, "
                "decided_by = %(user)s, decided_level = %(level)s, "
                "required_level = %(required)s, decision_note = %(note)s, batch_id = %(batch)s "
                "where adjustment_id = %(id)s",
                {**decision, "batch": batch_id, "status": APPROVED if approve else REJECTED})
            pg.bump(cur, ["budget_adjustments", "budget_adjustment_rows"])
            return batch_id
