"""The DuckDB file's budget adjustments: a request recorded, then approved (its budget lines
stored as a batch of kind 'budget_adjustment') or rejected, each in one transaction."""

from __future__ import annotations

from spendline.access import User
from spendline.adjustments import APPROVED, REJECTED, Request
from spendline.stores.duckdb_writes import apply_adjustment, bump_version, transaction
from spendline.stores.write_plans import plan_decision, plan_request


class DuckDBAdjustments:
    """Mixed into duckdb_file.Store: writes on its `connect()`."""

    def request_adjustment(self, request: Request, user: User | str = "local") -> int:
        """Record a pending adjustment request; AdjustmentError says what is wrong,
        PermissionDenied what the user may not."""
        with self.connect() as con:
            values = plan_request(con, request, user)
            with transaction(con):
                adjustment_id = con.execute("select nextval('adjustment_ids')").fetchall()[0][0]
                names = ", ".join(f"${name} as {name}" for name in values)
                con.execute(
                    "insert into budget_adjustments by name select $id as adjustment_id, "
                    f"{names}", {"id": adjustment_id, **values})
                bump_version(con)
            return adjustment_id

    def decide_adjustment(self, adjustment_id: int, approve: bool, user: User | str = "local",
                          level: str | None = None, note: str = "") -> int | None:
        """Approve or reject a pending request, at the level of the user's role (`level` may
        only lower it; reads.plan_decision); nobody decides their own request. An approval
        stores the adjustment's budget lines as a batch of kind 'budget_adjustment' and
        returns its id; a rejection changes no budget."""
        with self.connect() as con:
            request, decision = plan_decision(con, adjustment_id, approve, user, level, note)
            with transaction(con):
                batch_id = (apply_adjustment(con, adjustment_id, request, decision["user"])
                            if approve else None)
                con.execute(
                    "update budget_adjustments set status = $status, decided_at = $now, "
                    "decided_by = $user, decided_level = $level, required_level = $required, "
                    "decision_note = $note, batch_id = $batch where adjustment_id = $id",
                    {**decision, "batch": batch_id, "status": APPROVED if approve else REJECTED})
                bump_version(con)
            return batch_id
