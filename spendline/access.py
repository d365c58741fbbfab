"""Roles and per-client restriction (issue: who may see and change what).

- viewer: the pages and their downloads;
- editor: also uploads and rollbacks;
- admin: also the settings and the users.
A user restricted to client accounts sees only those accounts' rows, in every view, download
and export: the restriction is applied to the filters every view runs with, so no page can
forget it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spendline.views import Filters

ROLES = ("viewer", "editor", "admin")
ACTIONS = {"view": "viewer", "upload": "editor", "rollback": "editor", "settings": "admin",
           "users": "admin"}


@dataclass(frozen=True)
class User:
    email: str
    role: str
    accounts: tuple[str, ...] = ()  # empty: every account
    name: str = ""

    def can(self, action: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(ACTIONS[action])

    @property
    def restricted(self) -> bool:
        return bool(self.accounts)


LOCAL = User("local", "admin", (), "Local user")


def restrict(filters: Filters, user: User) -> Filters:
    """The filters narrowed to the accounts the user may see (never widened)."""
    if not user.restricted:
        return filters
    chosen = [a for a in filters.accounts if a in user.accounts] if filters.accounts \
        else list(user.accounts)
    # A choice outside the user's accounts keeps nothing rather than everything.
    return replace(filters, accounts=tuple(sorted(chosen)) or ("\x00no account",))


def get_user(store, email: str) -> User | None:
    rows = store.query("select email, role, accounts from users where email = $email",
                       {"email": email.lower()}).to_pylist()
    if not rows:
        return None
    return User(rows[0]["email"], rows[0]["role"], tuple(rows[0]["accounts"]))


def list_users(store) -> list[User]:
    rows = store.query("select email, role, accounts from users order by email").to_pylist()
    return [User(r["email"], r["role"], tuple(r["accounts"])) for r in rows]


def set_user(store, email: str, role: str, accounts: tuple[str, ...] = ()) -> None:
    if role not in ROLES:
        raise ValueError(f"Unknown role '{role}': choose viewer, editor or admin.")
    store.save_user(email.strip().lower(), role, sorted(set(accounts)))


def remove_user(store, email: str) -> None:
    store.delete_user(email.lower())
