"""The Upload page's import profiles (SPEC §1.1): building one for a sheet that does not fit,
previewing and saving it, and the Profiles section that lists, shows, edits, deletes,
exports and imports them. Profile names, headers and words are uploaded text: they are
shown as plain text (st.text, st.dataframe, escaped messages), never as Markdown or HTML."""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd
import streamlit as st

from loaders import headers
from loaders.intake import SheetResult
from loaders.profiles import Profile, ProfileError, from_json, from_rules, to_json, with_rule
from spendline.access import User
from spendline.kinds import KINDS
from spendline.uploads import delete_profile, save_profile, usable_profiles
from ui import safe_text, widgets

IGNORE = ""
plain = safe_text.plain  # Markdown's special characters escaped, for st.error and st.success


def chosen_profiles() -> dict:
    """(file, sheet) -> the profile being built for it (previewed, not yet saved)."""
    return st.session_state.setdefault("chosen_profiles", {})


def sheet_builder(store, user: User, sheet: SheetResult, kind: str | None) -> None:
    """Inside a sheet's expander: map its unknown columns, add constants and value mappings,
    preview the result, and save the rules as a profile by name."""
    key = f"{sheet.file_name}_{sheet.sheet}"
    chosen = chosen_profiles()
    if sheet.profile:
        st.text(f"Import profile applied: {sheet.profile}")
    if kind not in KINDS:  # not recognised, or left out
        st.text("Pick the sheet's kind above to build an import profile for it.")
        return
    draft = chosen.get((sheet.file_name, sheet.sheet)) or Profile("")
    picks: dict[str, str] = {}
    if sheet.unmapped_headers:
        st.text("Columns Spendline does not know: map them to keep them.")
        options = [IGNORE, *KINDS[kind].names]
        for position, header in enumerate(sheet.table.headers):
            if not header or position in sheet.mapping or position in sheet.ignored:
                continue
            # Keyed by position: two columns may carry the same header.
            target = st.selectbox(header, options, key=f"map_{key}_{position}",
                                  format_func=lambda c: "ignore" if c == IGNORE
                                  else headers.label(c))
            if target:
                picks[header] = target
    with st.popover("Profile rules: constants, value mappings, other columns"):
        maps = st.text_area("Header rules, one a line: THEIR HEADER=column (THEIR HEADER= "
                            "ignores it; tv_S=platform_spend@TV)", key=f"maps_{key}")
        constants = st.text_area("Constant values, one a line: column=VALUE",
                                 key=f"const_{key}")
        words = st.text_area("Value mappings, one a line: column:THEIR WORD=value",
                             key=f"values_{key}")
    try:
        profile = _with_lines(draft, kind, picks, maps, constants, words)
    except ProfileError as exc:
        st.error(plain(str(exc)))
        return
    cols = st.columns([2, 1, 1, 1])
    name = cols[0].text_input("Profile name", key=f"profile_name_{key}",
                              placeholder="e.g. Google Ads weekly")
    shared = cols[1].checkbox("Shared with everyone", key=f"profile_shared_{key}")
    if cols[2].button("Preview", key=f"profile_preview_{key}"):
        chosen[(sheet.file_name, sheet.sheet)] = replace(profile, name=name or "draft")
        st.rerun()
    if cols[3].button("Save profile", key=f"profile_save_{key}"):
        try:
            save_profile(store, replace(profile, name=name, shared=shared,
                                        signature=sheet.signature),
                         user.email, admin=user.can("settings"))
        except ProfileError as exc:
            st.error(plain(str(exc)))
            return
        chosen.pop((sheet.file_name, sheet.sheet), None)
        st.session_state["stored_message"] = plain(f"Profile '{name.strip()}' saved.")
        st.rerun()


def _with_lines(draft: Profile, kind: str, picks: dict[str, str], maps: str, constants: str,
                words: str) -> Profile:
    profile = with_rule(draft, "kind", kind)
    for header, target in picks.items():
        profile = replace(profile, headers={**profile.headers, header: target})
    for flag, text in (("map", maps), ("set", constants), ("value", words)):
        for line in text.splitlines():
            if line.strip():
                profile = with_rule(profile, flag, line)
    return profile


def profiles_section(store, user: User) -> None:
    """List the profiles the user may use; show, change, delete, export and import them."""
    st.subheader("Import profiles")
    profiles = usable_profiles(store, user.email)
    if profiles:
        widgets.show(pd.DataFrame([
            {"name": p.name, "kind": p.kind or "", "owner": p.owner, "shared": p.shared,
             "rules": "; ".join(p.rules())} for p in profiles]))
        names = [p.name for p in profiles]
        name = st.selectbox("Profile", names, index=None, placeholder="choose a profile",
                            key="profile_pick")
        if name is not None:
            _one_profile(store, user, next(p for p in profiles if p.name == name))
    else:
        st.text("No import profiles yet: build one for a sheet above, or import one.")
    with st.expander("Import a profile file (.json)"):
        upload = st.file_uploader("Profile file", type=["json"], key="profile_file")
        if upload is not None and st.button("Import profile", key="profile_import"):
            try:
                saved = save_profile(store, from_json(upload.getvalue(), owner=user.email),
                                     user.email, admin=user.can("settings"))
            except ProfileError as exc:
                st.error(plain(str(exc)))
                return
            st.session_state["stored_message"] = plain(f"Profile '{saved.name}' imported.")
            st.rerun()


def _one_profile(store, user: User, profile: Profile) -> None:
    st.text(f"{profile.name} · owner {profile.owner} · "
            f"{'shared' if profile.shared else 'own'}\n" + "\n".join(profile.rules()))
    key = f"{profile.name}"
    rules = st.text_area("Rules, one a line (as on the command line)",
                         value="\n".join(profile.rules()), key=f"profile_rules_{key}")
    shared = st.checkbox("Shared with everyone", value=profile.shared,
                         key=f"profile_edit_shared_{key}")
    cols = st.columns(3)
    cols[2].download_button("Export as JSON", data=to_json(profile).encode(),
                            file_name=f"{_file_stem(profile.name)}.json",
                            mime="application/json", on_click="ignore",
                            key=f"profile_export_{key}")
    admin = user.can("settings")
    try:
        if cols[0].button("Save changes", key=f"profile_change_{key}"):
            changed = from_rules(profile.name, rules, signature=profile.signature,
                                 shared=shared, owner=profile.owner)
            save_profile(store, changed, user.email, admin=admin)
            st.session_state["stored_message"] = plain(f"Profile '{profile.name}' changed.")
            st.rerun()
        if cols[1].button("Delete", key=f"profile_delete_{key}"):
            delete_profile(store, profile.name, user.email, admin=admin)
            st.session_state.pop("profile_pick", None)
            st.session_state["stored_message"] = plain(f"Profile '{profile.name}' deleted.")
            st.rerun()
    except ProfileError as exc:
        st.error(plain(str(exc)))


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w-]+", "_", name).strip("_") or "profile"
