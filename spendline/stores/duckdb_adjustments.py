"""The DuckDB file's budget adjustments: a request recorded, then approved (its budget lines
stored as a batch of kind 'budget_adjustment') or rejected, each in one transaction."""

from __future__ import annotations

from decimal import Decimal

from spendline import clock, permissions
from spendline.access import User
from spendline.adjustments import PENDING, Request
from spendline.stores.duckdb_writes import apply_adjustment, bump_version, transaction
from spendline.stores.reads import meta_value
from spendline.stores.write_plans import (
    check_request,
    plan_decision,
    request_accounts,
    side_params,
)


class DuckDBAdjustments:
    """Mixed into duckdb_file.Store: writes on its `connect()`."""

    def request_adjustment(self, request: Request, user: User | str = "local") -> int:
        """Record a pending adjustment request; AdjustmentError says what is wrong,
        PermissionDenied what the user may not."""
        with self.connect() as con:
            who = permissions.resolve(con, user)
            permissions.check_request(who, request_accounts(request))
            user = who.email
            check_request(con, request)
            with transaction(con):
                adjustment_id = con.execute("select nextval('adjustment_ids')").fetchall()[0][0]
                sides = {**side_params("from", request.from_line, request.from_month),
                         **side_params("to", request.to_line, request.to_month)}
                names = ", ".join(f"${name} as {name}" for name in sides)
                con.execute(
                    f"""
                    insert into budget_adjustments by name select
                        $id as adjustment_id, $kind as kind, $amount as amount,
                        $currency as currency, $reason as reason, {names},
                        $status as status, $now as requested_at, $user as requested_by
                    """,
                    {"id": adjustment_id, "kind": request.kind,
                     "amount": Decimal(request.amount),
                     "currency": meta_value(con, "base_currency"),
                     "reason": request.reason.strip(), "status": PENDING,
                     "now": clock.now(), "user": user, **sides})
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
            if not approve:
                with transaction(con):
                    con.execute(
                        "update budget_adjustments set status = 'rejected', decided_at = $now, "
                        "decided_by = $user, decided_level = $level, required_level = $required,"
                        " decision_note = $note where adjustment_id = $id", decision)
                    bump_version(con)
                return None
            with transaction(con):
                batch_id = apply_adjustment(con, adjustment_id, request, decision["user"])
                con.execute(
                    "update budget_adjustments set status = 'approved', decided_at = $now, "
                    "decided_by = $user, decided_level = $level, required_level = $required, "
                    "decision_note = $note, batch_id = $batch where adjustment_id = $id",
                    {**decision, "batch": batch_id})
                bump_version(con)
            return batch_id
