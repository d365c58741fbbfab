
import pandas as pd
import streamlit as st

from spendline import formats as fmt
from spendline.settings import SettingsError
from spendline.stores import lookups
from ui import widgets
from ui.auth import require, session_user
from ui.filters import MONTHS
from ui.history import history_section
from ui.navigation import ensure_app_navigation
from ui.state import get_store

ensure_app_navigation()

COMMON_CURRENCIES = ("EUR", "USD", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CNY", "JPY")

store = get_store()
user = session_user()
st.title("Settings")
require(user, "settings")
settings = store.settings()
st.caption("Every change is a batch of the upload history: the history shows what changed, "
           "and rolling the batch back restores the values before it.")
if message := st.session_state.pop("settings_message", None):
    st.success(message)


def save(values=None, mapping=None) -> None:
    try:
        batch = store.change_settings(values, mapping, user=user)
    except SettingsError as exc:
        st.error(str(exc))
        return
    st.session_state["settings_message"] = ("Nothing changed." if batch is None
                                            else f"Saved as batch {batch}.")
    st.rerun()


# -- general ----------------------------------------------------------------------------------
st.subheader("Currency, fiscal year and approvals")
stored = lookups.rate_currencies(store)
currencies = sorted({*COMMON_CURRENCIES, *stored, settings["base_currency"]})
with st.form("settings_general"):
    left, right = st.columns(2)
    base = left.selectbox("Base currency", currencies,
                          index=currencies.index(settings["base_currency"]), key="set_base",
                          help="FX rates are read as units of the base currency; changing it "
                          "needs a rate against the new base for every amount stored in "
                          "another currency.")
    first = right.selectbox("Fiscal year starts in", range(1, 13),
                            index=int(settings["fiscal_first_month"]) - 1,
                            format_func=lambda m: MONTHS[m - 1], key="set_first_month",
                            help="Stored budgets are regrouped into the new fiscal years; "
                            "which budget rows are in force does not change.")
    finance = left.number_input("Finance approves from", min_value=0.01, step=500.0,
                                value=float(settings["threshold_finance"]), format="%.2f",
                                key="set_finance")
    executive = right.number_input("An executive approves from", min_value=0.01, step=500.0,
                                   value=float(settings["threshold_executive"]), format="%.2f",
                                   key="set_executive")
    now = [fmt.money(settings[k], settings["base_currency"])
           for k in ("threshold_finance", "threshold_executive")]
    st.caption(f"Amounts in the base currency: below the finance threshold a manager "
               f"approves. Now {now[0]} and {now[1]}.")
    if st.form_submit_button("Save", type="primary"):
        save({"base_currency": base, "fiscal_first_month": first,
              "threshold_finance": f"{finance:.2f}", "threshold_executive": f"{executive:.2f}"})

# -- channel mapping --------------------------------------------------------------------------
st.subheader("Channel names")
st.caption("Names in uploaded sheets read as another channel, in any case and spacing "
           "(\"FB\", \"Facebook Ads\" → Paid Social). The mapping applies to uploads from now "
           "on; stored rows keep their channel.")
mapping = store.channel_mapping()
widgets.table(pd.DataFrame({"alias": list(mapping), "channel": list(mapping.values())}),
              key="channel_mapping", file_name="channel_mapping")
with st.form("settings_mapping", clear_on_submit=True):
    left, right = st.columns(2)
    aliases = left.text_input("Names (comma-separated)", key="set_aliases",
                              placeholder="FB, Facebook Ads")
    channel = right.text_input("Read as channel", key="set_channel", placeholder="Paid Social")
    if st.form_submit_button("Add"):
        names = [a.strip() for a in aliases.split(",") if a.strip()]
        if not names:
            st.error("Give at least one name to map.")
        else:
            save(mapping=dict.fromkeys(names, channel))
if mapping:
    left, right = st.columns([3, 1])
    gone = left.multiselect("Remove names", list(mapping), key="set_remove")
    if gone and right.button("Remove", key="set_remove_button"):
        save(mapping=dict.fromkeys(gone))

# -- history: each change a batch, rolled back and re-applied as uploads are (ui/history.py) ---
history_section(store, user, kinds=("settings",), title="Changes",
                empty="The settings have not been changed yet.", key="settings_history")
