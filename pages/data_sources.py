"""Data & sources: the data dictionary, every source with licence and as-of date, and each table as CSV."""

import streamlit as st

from jdp_analytics.app import ui
from jdp_analytics.warehouse import catalog

ui.page_guard()

st.title("Data & sources")
sources = ui.query("sources")
demo = sources[sources["is_demo"]]
if demo.empty:
    st.success("Every figure in this warehouse is a published figure: none of it is demonstration data.")
else:
    st.warning(f"{ui.DEMO_LABEL}: " + ", ".join(demo["title"]) + ". Pages and exports label these figures.")

st.header("Sources")
st.dataframe(sources, hide_index=True, column_config={
    "url": st.column_config.LinkColumn("address"), "as_of": st.column_config.DateColumn("as of"),
    "is_demo": st.column_config.CheckboxColumn("demo"), "file_sha256": st.column_config.TextColumn("file SHA-256")})
build = ui.query("build_info").set_index("key")["value"]
st.caption(f"Warehouse built {build.get('built_at', '?')} from the {build.get('built_from', '?')}. "
           f"Ward boundaries: {'included' if build.get('has_ward_boundaries') == 'true' else 'not installed'}.")

st.header("Data dictionary")
st.caption("Generated from the one schema that also creates the warehouse and validates every file it loads.")
dictionary = catalog.dictionary()
for name, table in catalog.TABLES.items():
    with st.expander(f"`{name}` — {table.description}"):
        st.dataframe(dictionary[dictionary["table"] == name].drop(columns="table"), hide_index=True)

st.header("Download a table")
st.caption("CSV, UTF-8; the first line names the sources. Text cells that a spreadsheet would run as a formula "
           "are prefixed with an apostrophe.")
for column, name in zip(st.columns(3) * len(catalog.TABLES), catalog.TABLES):
    column.download_button(f"{name}.csv", ui.table_csv(name), file_name=f"{name}.csv", mime="text/csv",
                           key=f"download_{name}", on_click="ignore")
