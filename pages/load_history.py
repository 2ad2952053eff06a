"""Load history: every upload with file, hash, rows, who and when; admins can roll a load back."""

import streamlit as st

from jdp_analytics.app import auth, ui
from jdp_analytics.warehouse import loader

ui.page_guard()
st.title("Load history")
user = ui.current_user()
log = ui.query("load_log")
if log.empty:
    st.info("No file has been loaded since the warehouse was built.")
    st.stop()
if not auth.may(user.role, auth.EDITOR):  # who loaded or rolled back a file is for editors and admins to see
    log = log.drop(columns=["loaded_by", "rolled_back_by"])
st.dataframe(log, hide_index=True, column_config={"loaded_at": st.column_config.DatetimeColumn("loaded at (UTC)")})

loaded = log[log["status"] == "loaded"]
if not auth.may(user.role, auth.ADMIN):
    st.caption(f"Rolling a load back needs an admin ({user.how}).")
elif not loaded.empty:
    load_id = st.selectbox("Load to roll back", loaded["load_id"], key="rollback_id",
                           format_func=lambda i: f"{i} · {loaded.set_index('load_id').at[i, 'file_name']}")
    if st.button("Roll back this load", type="primary", key="rollback_button"):
        try:
            with ui.unexpected_errors("rolling the load back"):
                removed = loader.rollback(load_id, ui.warehouse_path(), user.name or "unknown")
        except loader.LoadError as err:
            st.error(str(err))
        else:
            st.success(f"Rolled back {load_id}: {removed:,} rows removed and the rows it replaced restored. "
                       "The log keeps both entries.")
