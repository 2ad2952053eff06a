"""Load history: every upload with file, hash, rows, who and when; admins can roll a load back."""

import streamlit as st

from jdp_analytics.app import auth, ui
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.warehouse import loader

ui.page_guard()
st.title(_("Load history"))
user = ui.current_user()
log = ui.query("load_log")
if log.empty:
    st.info(_("No file has been loaded since the warehouse was built."))
    st.stop()
if not auth.may(user.role, auth.EDITOR):  # who loaded or rolled back a file is for editors and admins to see
    log = log.drop(columns=["loaded_by", "rolled_back_by"])
st.dataframe(log, hide_index=True,
             column_config={"loaded_at": st.column_config.DatetimeColumn(_("loaded at (UTC)"))})

loaded = log[log["status"] == "loaded"]
if not auth.may(user.role, auth.ADMIN):
    st.caption(_("Rolling a load back needs an admin ({why}).").format(why=_(user.how)))
elif not loaded.empty:
    load_id = st.selectbox(_("Load to roll back"), loaded["load_id"], key="rollback_id",
                           format_func=lambda i: f"{i} · {loaded.set_index('load_id').at[i, 'file_name']}")
    if st.button(_("Roll back this load"), type="primary", key="rollback_button"):
        try:
            with ui.unexpected_errors(_("rolling the load back")):
                removed = loader.rollback(load_id, ui.warehouse_path(), user.name or "unknown")
        except loader.LoadError as err:
            st.error(md(str(err)))
        else:
            st.success(_("Rolled back {load}: {rows} rows removed and the rows it replaced restored. The log keeps "
                         "both entries.").format(load=load_id, rows=f"{removed:,}"))
