"""What a write will do, worked out on the data as it stands, by both stores before they write:
a settings change and its channel aliases (with the rates a new base currency needs), an
adjustment request checked and its decision planned."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import duckdb

from spendline import clock, permissions
from spendline import settings as rules
from spendline.adjustments import (
    LINE_FIELDS,
    MOVE,
    PENDING,
    AdjustmentError,
    BudgetLine,
    Request,
)
from spendline.kinds import channel_key

if TYPE_CHECKING:
    pass
from spendline.stores.reads import current_settings, line_budget_of, meta_value


def alias_changes(con: duckdb.DuckDBPyConnection,
                   mapping: dict[str, str | None]) -> list[tuple[str, str, str | None, str]]:
    """(alias, alias_key, channel or None to remove, channel before) for each alias that
    really changes."""
    before = dict(con.execute("select alias_key, channel from channel_mapping_rows "
                              "where current and channel is not null").fetchall())
    out = {}
    for alias, channel in mapping.items():
        alias = " ".join(str(alias).split())
        key = channel_key(alias)
        if not key:
            raise rules.SettingsError("A channel alias cannot be empty.")
        channel = " ".join(str(channel).split()) if channel is not None else None
        if channel == "":
            raise rules.SettingsError(f"Say which channel '{alias}' stands for.")
        if channel is not None and channel_key(channel) == key:
            raise rules.SettingsError(f"'{alias}' would be mapped to itself.")
        if before.get(key) == channel:
            continue
        out[key] = (alias, key, channel, before.get(key))
    return list(out.values())


def check_rates_for(con: duckdb.DuckDBPyConnection, base: str) -> None:
    """Every amount in force in another currency needs a rate for its month against the new
    base currency: otherwise the views would leave it out without a word."""
    missing = con.execute(
        """
        with money as (
            select currency, month from budget
            union select currency, month from ledger
            union select currency, cast(date_trunc('month', date) as date) from results
        )
        select currency, strftime(month, '%Y-%m') from money m
        where currency <> $base and not exists (
            select 1 from fx_rates r where r.currency = m.currency and r.month = m.month)
        order by all
        """,
        {"base": base},
    ).fetchall()
    if missing:
        shown = ", ".join(f"{c} {m}" for c, m in missing[:12])
        more = f" and {len(missing) - 12} more" if len(missing) > 12 else ""
        raise rules.SettingsError(
            f"The base currency cannot become {base}: stored amounts have no rate against "
            f"{base} for {shown}{more}. Upload fx rates in units of {base} first.")


def side_params(side: str, line: BudgetLine | None, month) -> dict[str, object]:
    """A request's line and month as the parameters from_account, ..., from_month."""
    values = dict.fromkeys(LINE_FIELDS) if line is None else {f: getattr(line, f)
                                                                for f in LINE_FIELDS}
    values["month"] = None if month is None else month.replace(day=1)
    return {f"{side}_{name}": value for name, value in values.items()}


def check_request(con: duckdb.DuckDBPyConnection, request: Request) -> None:
    problems = request.problems()
    if request.kind == MOVE and not problems:
        available = line_budget_of(con, request.from_line, request.from_month)
        if Decimal(request.amount) > available:
            problems.append(
                f"{request.from_line.label()} has {available:,.2f} of budget in "
                f"{request.from_month:%b %Y}: a move can take at most that")
    if problems:
        raise AdjustmentError("; ".join(p[0].upper() + p[1:] for p in problems) + ".")


def request_accounts(request: Request) -> set[str]:
    """The accounts a request's lines belong to."""
    return {line.account for line in (request.from_line, request.to_line) if line is not None}


def load_request(con: duckdb.DuckDBPyConnection, adjustment_id: int) -> tuple[Request, str]:
    rows = con.execute("select * from budget_adjustments where adjustment_id = $id",
                       {"id": adjustment_id}).fetchall()
    if not rows:
        raise AdjustmentError(f"There is no adjustment request {adjustment_id}.")
    names = [d[0] for d in con.description]
    r = dict(zip(names, rows[0]))

    def line(side: str) -> BudgetLine | None:
        if r[f"{side}_account"] is None:
            return None
        return BudgetLine(**{f: r[f"{side}_{f}"] for f in LINE_FIELDS})

    request = Request(r["kind"], r["amount"], r["reason"], line("to"), r["to_month"],
                      line("from"), r["from_month"])
    return request, r["status"]


# -- plans: what a write will do, worked out on the data as it stands (both stores) ---------
@dataclass
class SettingsPlan:
    current: dict[str, str]
    changes: dict[str, str]
    aliases: list[tuple[str, str, str | None, str]]

    @property
    def notes(self) -> list[str]:
        notes = [rules.describe(k, self.current[k], v) for k, v in self.changes.items()]
        return notes + [f"channel {alias!r} → {channel!r}" if channel is not None
                        else f"channel {alias!r} no longer mapped (was {before!r})"
                        for alias, _, channel, before in self.aliases]

    def batch(self, user: str) -> dict[str, object]:
        """The history row of the change (insert_batch's arguments)."""
        payload = json.dumps({"settings": self.changes, "channels": self.aliases},
                             sort_keys=True)
        notes = self.notes
        return {"file_name": "Settings", "sha256": hashlib.sha256(payload.encode()).hexdigest(),
                "sheet": "", "kind": "settings", "rows": len(notes), "added": 0,
                "changed": len(notes), "replaced": 0, "user": user, "note": "; ".join(notes)}

    def settings_rows(self) -> list[tuple[str, str, str]]:
        """(key, value, previous value) per changed setting."""
        return [(k, v, self.current[k]) for k, v in self.changes.items()]


def plan_settings(con: duckdb.DuckDBPyConnection, values: dict[str, object] | None,
                  channel_mapping: dict[str, str | None] | None) -> SettingsPlan | None:
    """The settings and aliases that really change (None: nothing); SettingsError says what
    cannot."""
    current = current_settings(con)
    changes = rules.changed_values(current, values or {})
    aliases = alias_changes(con, channel_mapping or {})
    if not changes and not aliases:
        return None
    if "base_currency" in changes:
        check_rates_for(con, changes["base_currency"])
    return SettingsPlan(current, changes, aliases)


def plan_request(con: duckdb.DuckDBPyConnection, request: Request, user) -> dict[str, object]:
    """A new request's budget_adjustments columns (but its id), pending; PermissionDenied
    when `user` may not request for the lines' accounts, AdjustmentError when the request is
    wrong. Both stores insert these, so both check and record a request alike."""
    who = permissions.resolve(con, user)
    permissions.check_request(who, request_accounts(request))
    check_request(con, request)
    return {"kind": request.kind, "amount": Decimal(request.amount),
            "currency": meta_value(con, "base_currency"), "reason": request.reason.strip(),
            **side_params("from", request.from_line, request.from_month),
            **side_params("to", request.to_line, request.to_month),
            "status": PENDING, "requested_at": clock.now(), "requested_by": who.email}


def plan_decision(con: duckdb.DuckDBPyConnection, adjustment_id: int, approve: bool,
                  user, level: str | None, note: str) -> tuple[Request, dict]:
    """The request and the decision's columns; AdjustmentError when it cannot be taken,
    PermissionDenied when `user` may not take it. The level is the one of the user's role
    in the store (permissions.APPROVAL_LEVEL); `level`, when given, may only lower it."""
    request, status = load_request(con, adjustment_id)
    if status != PENDING:
        raise AdjustmentError(f"Adjustment {adjustment_id} is already {status}.")
    who = permissions.resolve(con, user)
    requested_by = con.execute("select requested_by from budget_adjustments "
                               "where adjustment_id = $id", {"id": adjustment_id}
                               ).fetchall()[0][0]
    role_level = permissions.check_decision(who, requested_by, request_accounts(request))
    if level is not None:  # "approving as" a lower level than the role's: allowed, no higher
        typed = level.strip().casefold()
        if not rules.level_covers(role_level, typed) or typed not in rules.LEVELS:
            raise permissions.PermissionDenied(
                f"{who.email} approves at {role_level} (the role {who.role}), not at {level}.")
    level = level.strip() if level is not None else role_level
    required = rules.required_level(Decimal(request.amount), current_settings(con))
    decision = {"id": adjustment_id, "now": clock.now(), "user": who.email,
                "level": level, "required": required, "note": note.strip() or None}
    if approve:
        if not rules.level_covers(level, required):
            raise AdjustmentError(
                f"{Decimal(request.amount):,.2f} needs {required} approval; "
                f"{level or 'no level'} is not enough.")
        check_request(con, request)
    return request, decision
