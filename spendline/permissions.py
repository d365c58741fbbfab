"""Who may write what (issue 17 §2), checked by the stores inside each write's transaction,
so no page and no script can forget it.

- A user restricted to client accounts writes only those accounts: an upload whose rows, whose
  budget scopes (fiscal year, version, account) or whose merged keys now in force (an invoice
  "moved" from another account) touch another account is refused, naming the accounts. The
  vendor archive and fx rates belong to every account: only an unrestricted user uploads them.
- A rollback is refused to a restricted user when the batch touches another account (its rows,
  or the rows of the same keys it brings back); settings and approved adjustments are rolled
  back by admins only.
- Nobody decides their own adjustment request, and an approver approves at the level of their
  role in the store (APPROVAL_LEVEL), never at a level they type.
- Settings and channel aliases are changed by admins only, whoever calls the store.
- A user name the users table does not hold is the local admin: the command line, and the
  app in open single-user mode (signed-in users always come as access.User).
"""

from __future__ import annotations

import duckdb
import pandas as pd

from spendline.access import LOCAL, User
from spendline.stores.base import Batch, key_columns

# The approval level each role approves at (SPEC §4 levels); a viewer decides nothing.
APPROVAL_LEVEL = {"viewer": None, "editor": "manager", "admin": "executive"}

# Kinds whose rows carry an account; the others (vendors, fx rates) are shared by every account.
ACCOUNT_KINDS = ("budget", "spend", "results")
# Batches only an admin may roll back: a settings change, an approved budget adjustment.
ADMIN_ROLLBACK = ("settings", "budget_adjustment")


class PermissionDenied(PermissionError):
    """A write the user may not make; the message is for the user."""


def resolve(con: duckdb.DuckDBPyConnection, user: User | str) -> User:
    """The user as the store knows them: a User as given, else by email in the users table,
    else the local admin (a command-line user, open mode)."""
    if isinstance(user, User):
        return user
    rows = con.execute("select email, role, accounts from users where email = $e",
                       {"e": str(user).lower()}).fetchall()
    if not rows:
        return User(str(user), "admin", (), "Local user")
    return User(rows[0][0], rows[0][1], tuple(rows[0][2] or ()))


def _names(accounts) -> str:
    return ", ".join(f"'{a}'" for a in sorted(accounts))


def _a(role: str) -> str:
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"


def _role(user: User, action: str, what: str) -> None:
    if not user.can(action):
        raise PermissionDenied(f"{user.email} is {_a(user.role)}: {_a(user.role)} cannot "
                               f"{what}.")


def check_settings(user: User) -> None:
    _role(user, "settings", "change settings or channel aliases")


# -- uploads ----------------------------------------------------------------------------------
def check_upload(con: duckdb.DuckDBPyConnection, user: User, batches: list[Batch]) -> None:
    """PermissionDenied when `user` may not store these batches (see the module's rules)."""
    _role(user, "upload", "upload")
    if not user.restricted:
        return
    allowed = set(user.accounts)
    for batch in batches:
        where = f"sheet '{batch.sheet}' of {batch.file_name}"
        if batch.kind not in ACCOUNT_KINDS:
            raise PermissionDenied(
                f"You may change only {_names(allowed)}: {where} is a {batch.kind} sheet, "
                "shared by every account. Ask a user with access to all accounts to upload it.")
        others = set(batch.frame["account"].dropna().unique()) - allowed
        if others:
            raise PermissionDenied(
                f"You may change only {_names(allowed)}: {where} holds rows of "
                f"{_names(others)}. Nothing was stored.")
        moved = _moved_from_others(con, batch, allowed)
        if moved:
            raise PermissionDenied(
                f"You may change only {_names(allowed)}: {where} replaces rows of "
                f"{_names(moved)} (the same {' and '.join(key_columns(batch.kind))}). "
                "Nothing was stored.")


def _moved_from_others(con: duckdb.DuckDBPyConnection, batch: Batch,
                       allowed: set[str]) -> set[str]:
    """Accounts outside `allowed` whose rows in force share a key with the batch's rows."""
    if batch.kind == "budget":  # a budget replaces the scopes of its own rows' accounts
        return set()
    key = key_columns(batch.kind)
    incoming = batch.frame[key].drop_duplicates()
    con.register("incoming_keys", incoming)
    try:
        on = " and ".join(f"t.{k} is not distinct from i.{k}" for k in key)
        found = con.execute(
            f"select distinct t.account from {batch.kind}_rows t join incoming_keys i on {on} "
            "where t.current").fetchall()
    finally:
        con.unregister("incoming_keys")
    return {a for (a,) in found} - allowed


# -- rollbacks ----------------------------------------------------------------------------------
def batch_accounts(con: duckdb.DuckDBPyConnection, batch_ids: list[int] | None = None
                   ) -> dict[int, set[str]]:
    """The accounts each batch touches: its own rows' accounts and, for merged kinds, those
    of every row of the same keys (which a rollback brings back into force)."""
    parts = ["select batch_id, account from budget_rows",
             "select batch_id, account from budget_adjustment_rows"]
    for kind in ("spend", "results"):
        key = key_columns(kind)
        on = " and ".join(f"o.{k} is not distinct from r.{k}" for k in key)
        parts.append(f"select r.batch_id, o.account from {kind}_rows r "
                     f"join {kind}_rows o on {on}")
    where = "" if batch_ids is None else " where batch_id in (select unnest($ids))"
    rows = con.execute(f"select distinct batch_id, account from ({' union all '.join(parts)})"
                       f"{where}", {"ids": batch_ids} if batch_ids is not None else {}
                       ).fetchall()
    out: dict[int, set[str]] = {}
    for batch_id, account in rows:
        out.setdefault(batch_id, set()).add(account)
    return out


def check_rollback(con: duckdb.DuckDBPyConnection, user: User, kinds: dict[int, str],
                   action: str = "roll back") -> None:
    """PermissionDenied when `user` may not roll back these batches (batch id -> kind).
    Re-applying a rolled-back batch (action "re-apply") changes the same rows, so it is held
    to the same rules."""
    _role(user, "rollback", action)
    for batch_id, kind in kinds.items():
        if kind in ADMIN_ROLLBACK and user.role != "admin":
            what = "a settings change" if kind == "settings" else "an approved adjustment"
            verb, _, rest = action.partition(" ")
            raise PermissionDenied(f"Batch {batch_id} is {what}: only an admin may {verb} it"
                                   f"{' ' + rest if rest else ''}.")
    if not user.restricted:
        return
    touched = batch_accounts(con, list(kinds))
    for batch_id, kind in kinds.items():
        if kind not in ACCOUNT_KINDS:
            raise PermissionDenied(f"You may change only {_names(user.accounts)}: batch "
                                   f"{batch_id} ({kind}) is shared by every account.")
        others = touched.get(batch_id, set()) - set(user.accounts)
        if others:
            raise PermissionDenied(f"You may change only {_names(user.accounts)}: batch "
                                   f"{batch_id} touches {_names(others)}.")


def visible_history(con: duckdb.DuckDBPyConnection, user: User,
                    history: pd.DataFrame) -> pd.DataFrame:
    """The upload history a user sees: everything, or for a restricted user the batches that
    touch only their accounts (not the shared vendors, fx rates or settings)."""
    if not user.restricted:
        return history
    touched = batch_accounts(con)
    mine = history["batch_id"].map(
        lambda b: bool(touched.get(int(b))) and touched[int(b)] <= set(user.accounts))
    return history[mine.astype(bool)].reset_index(drop=True)


# -- adjustments --------------------------------------------------------------------------------
def check_request(user: User, accounts: set[str]) -> None:
    """PermissionDenied when `user` may not request an adjustment of these accounts."""
    _role(user, "upload", "request adjustments")
    others = accounts - set(user.accounts) if user.restricted else set()
    if others:
        raise PermissionDenied(f"You may change only {_names(user.accounts)}: the request "
                               f"touches {_names(others)}.")


def approval_level(user: User) -> str | None:
    return APPROVAL_LEVEL.get(user.role)


def check_decision(user: User, requested_by: str, accounts: set[str]) -> str:
    """The level `user` decides at; PermissionDenied when they may not decide this request."""
    level = approval_level(user)
    if level is None:
        raise PermissionDenied(f"{user.email} is {_a(user.role)}: {_a(user.role)} cannot decide "
                               "adjustment requests.")
    if requested_by.strip().lower() == user.email.strip().lower():
        # Without sign-in everyone is the one local user: two people cannot be told apart.
        alone = (" Without sign-in everyone is the local user: set up sign-in (README, "
                 "Users and roles) so that a second person can.") if user == LOCAL else ""
        raise PermissionDenied("You requested this adjustment: someone else must decide it."
                               + alone)
    others = accounts - set(user.accounts) if user.restricted else set()
    if others:
        raise PermissionDenied(f"You may change only {_names(user.accounts)}: the request "
                               f"touches {_names(others)}.")
    return level


# -- for the pages, on a store --------------------------------------------------------------
def history_for(store, user: User) -> pd.DataFrame:
    """The store's upload history as `user` may see it (visible_history)."""
    history = store.history()
    if not user.restricted:
        return history
    with store.connect() as con:
        return visible_history(con, user, history)


def upload_refusal(store, user: User, batches: list[Batch]) -> str | None:
    """Why `user` may not store these batches (the preview says it before Store), or None."""
    try:
        with store.connect() as con:
            check_upload(con, user, batches)
    except PermissionDenied as exc:
        return str(exc)
    return None
