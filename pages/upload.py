import streamlit as st

from loaders.intake import SKIP
from loaders.read import SUFFIXES
from loaders.templates import TEMPLATE_KINDS, template_filename, template_workbook
from spendline import formats as fmt
from spendline import permissions
from spendline.kinds import KINDS
from ui import import_profiles, upload_flow, widgets
from ui.auth import require, session_user
from ui.downloads import csv_bytes
from ui.history import history_section
from ui.navigation import ensure_app_navigation
from ui.safe_text import plain
from ui.state import get_store

ensure_app_navigation()

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

store = get_store()
user = session_user()
st.title("Upload")
require(user, "upload")
upload_flow.ready_reader()
st.caption("Budgets, spend ledgers, campaign results, vendors and fx rates, in English, "
           "Italian, Finnish or Chinese. Nothing is stored until every sheet is clean.")

# -- templates --------------------------------------------------------------------------------
with st.expander("Excel templates"):
    cols = st.columns(len(TEMPLATE_KINDS))
    for col, kind in zip(cols, TEMPLATE_KINDS):
        col.download_button(KINDS[kind].label, data=lambda k=kind: template_workbook(k),
                            file_name=template_filename(kind), mime=XLSX, on_click="ignore",
                            key=f"template_{kind}")

# -- files ------------------------------------------------------------------------------------
nonce = st.session_state.setdefault("uploader_nonce", 0)
widget_files = st.file_uploader("Workbooks or CSV files", type=[s.lstrip(".") for s in SUFFIXES],
                                accept_multiple_files=True, key=f"uploader_{nonce}")
files = upload_flow.uploaded_files(widget_files)

if files:
    overrides = st.session_state.setdefault("kind_overrides", {})
    year = st.number_input("Year of month columns without one (wide budgets)", 2000, 2100,
                           value=None, step=1, placeholder="from the title or sheet name")
    intake = upload_flow.read_cached(store, files, overrides, int(year) if year else None,
                                     user.email, import_profiles.chosen_profiles())

    st.subheader("Sheets")
    kind_choices = [None, *KINDS, SKIP]
    for sheet in intake.sheets:
        label = KINDS[sheet.kind].label if sheet.kind else "not recognised"
        with st.expander(f"{plain(sheet.file_name)} › {plain(sheet.sheet)} — {label}",
                         expanded=sheet.has_errors):
            chosen = st.selectbox(
                "Kind", kind_choices, index=kind_choices.index(
                    overrides.get((sheet.file_name, sheet.sheet))),
                format_func=lambda k: "as recognised" if k is None else (
                    "leave out" if k == SKIP else KINDS[k].label),
                key=f"kind_{sheet.file_name}_{sheet.sheet}")
            if chosen != overrides.get((sheet.file_name, sheet.sheet)):
                if chosen is None:
                    overrides.pop((sheet.file_name, sheet.sheet), None)
                else:
                    overrides[(sheet.file_name, sheet.sheet)] = chosen
                st.rerun()
            if sheet.table is not None:
                st.caption(f"Header on row {sheet.table.header_row}; "
                           f"{fmt.integer(sheet.table.n_rows)} data rows.")
                st.dataframe(sheet.preview(), hide_index=True)
            if sheet.table is not None:
                import_profiles.sheet_builder(
                    store, user, sheet, overrides.get((sheet.file_name, sheet.sheet))
                    or sheet.kind)

    problems = upload_flow.problem_csv_frame(intake)
    errors = problems[problems["level"] == "error"]
    warnings = problems[problems["level"] == "warning"]
    if not errors.empty:
        st.error(f"{fmt.count(len(errors), 'problem')} found: nothing will be stored. Fix the "
                 "file and upload it again.")
        widgets.show(errors.drop(columns="level"))
        # Only files that were read get a marked copy: a refused one (a bomb) is not opened
        # again in the server to mark it.
        marked = [f for f in files if any(s.file_name == f.name for s in intake.sheets)]
        cols = st.columns(1 + len(marked))
        cols[0].download_button("Problems as CSV", data=csv_bytes(problems),
                                file_name="spendline_problems.csv", mime="text/csv",
                                on_click="ignore")
        for col, file in zip(cols[1:], marked):
            col.download_button(
                f"{file.name} with problems marked",
                data=lambda f=file: upload_flow.highlighted(intake, f)[1],
                file_name=f"{file.name.rsplit('.', 1)[0]}_problems.xlsx", mime=XLSX,
                on_click="ignore", key=f"highlight_{file.name}")
    if not warnings.empty:
        with st.expander(f"{fmt.integer(len(warnings))} note(s): rows and sheets skipped"):
            widgets.show(warnings.drop(columns="level"))

    if errors.empty and intake.stored_sheets:
        st.subheader("What storing will do")
        todo = upload_flow.batches(intake)
        previews = store.preview(todo)
        widgets.show(upload_flow.preview_table(previews))
        for note in upload_flow.replacement_notes(previews):
            st.warning(plain(note))  # sheet and account names from the file
        for note in upload_flow.new_value_notes(previews):
            st.text(note)  # names from the file: shown as text, never Markdown
        if refusal := permissions.upload_refusal(store, user, todo):
            st.error(plain(refusal))
        elif st.button("Store", type="primary"):
            try:
                ids = upload_flow.apply(store, intake, user,
                                        st.session_state.get("_intake_version"))
            except upload_flow.NotStored as exc:
                st.warning(str(exc))
            else:
                st.session_state["uploader_nonce"] = nonce + 1
                st.session_state.pop("_intake", None)
                st.session_state["stored_message"] = (
                    f"Stored as batch(es) {', '.join(map(str, ids))}.")
                st.rerun()

if message := st.session_state.pop("stored_message", None):
    st.success(message)

import_profiles.profiles_section(store, user)

# -- history: rollback and re-apply, confirmed (ui/history.py) ------------------------------
history_section(store, user)
