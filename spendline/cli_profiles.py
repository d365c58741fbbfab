"""The import's profile options (SPEC §1.1) made into import profiles: per --sheet scope,
the rules in the order given, saved profiles and exported files looked up, and the profiles
--save-profile asks for saved after the import."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from loaders.intake import Intake
from loaders.profiles import Profile, ProfileError, from_json, with_rule
from spendline.uploads import find_profile, for_sheet, save_profile

RULES = ("kind", "map", "set", "value")


@dataclass
class Scope:
    """The profile options for one sheet (None: every sheet), in order."""

    steps: list[tuple[str, str]] = field(default_factory=list)
    save: list[str] = field(default_factory=list)

    def name(self) -> str:
        names = [v for f, v in self.steps if f == "profile"] + self.save
        return Path(names[0]).stem if names else "command line"


def scopes(rules: list[tuple[str, str]]) -> dict[str | None, Scope]:
    """The options by sheet; a malformed rule is refused here, before anything is read."""
    found: dict[str | None, Scope] = {}
    sheet = None
    for flag, value in rules:
        if flag == "sheet":
            sheet = value
            found.setdefault(sheet, Scope())
            continue
        scope = found.setdefault(sheet, Scope())
        if flag == "save_profile":
            scope.save.append(value)
            continue
        if flag in RULES:
            with_rule(Profile(""), flag, value)  # ProfileError now, not after reading
        scope.steps.append((flag, value))
    return found


def chosen(scopes: dict[str | None, Scope], store, user: str) -> dict:
    """(file, sheet) -> the profile each scope's options make, saved ones looked up."""
    made = {}
    for sheet, scope in scopes.items():
        profile = Profile(scope.name())
        for flag, value in scope.steps:
            if flag == "profile":
                profile = profile.merged(_load_profile(store, value, user))
            else:
                profile = with_rule(profile, flag, value)
        if not profile.is_empty:
            made[(None, sheet)] = profile
    return made


def _load_profile(store, name: str, user: str) -> Profile:
    path = Path(name)
    if path.suffix.lower() == ".json":
        if not path.is_file():
            raise ProfileError(f"{name}: no such file")
        return from_json(path.read_bytes(), owner=user)
    return find_profile(store, name, user)


def save_asked(store, scopes: dict[str | None, Scope], made: dict, intake: Intake,
               user: str, shared: bool) -> None:
    """Save the profiles --save-profile names, each for the headers of its sheet; `made`:
    the profiles the import read the files with (chosen)."""
    for sheet, scope in scopes.items():
        for name in scope.save:
            profile = made.get((None, sheet))
            if profile is None:
                print(f"Profile '{name}' not saved: it has no rules.", file=sys.stderr)
                continue
            profile = for_sheet(replace(profile, name=name, shared=shared), intake, None, sheet)
            save_profile(store, profile, user)
            print(f"Saved profile '{name}'" + (" (shared)" if shared else "")
                  + ": " + "; ".join(profile.rules()))
