"""JDP Analytics: entry point. Pages grouped by the programme's outcome areas; global county and year.

Page URLs are the file names (/overview, /data_sources): Streamlit's legacy pages/ mode, which runs for the
first request to a fresh server, derives the same names, so a deep link works even then (see ui.page_guard).
"""

import streamlit as st

from jdp_analytics.app import ui

st.set_page_config(page_title="JDP Analytics", page_icon="🇰🇪", layout="wide")

pages = {
    "Programme": [
        st.Page("pages/overview.py", title="Overview", icon=":material/map:", default=True),
    ],
    "Public participation": [
        st.Page("pages/participation.py", title="Participation", icon=":material/groups:"),
        st.Page("pages/accountability.py", title="Social accountability", icon=":material/campaign:"),
    ],
    "Planning and budgeting": [st.Page("pages/budget.py", title="Budget execution", icon=":material/account_balance:"),
                               st.Page("pages/budget_composition.py", title="Budget composition",
                                       icon=":material/donut_small:")],
    "SDG localization": [
        st.Page("pages/sdg_explorer.py", title="Indicator explorer", icon=":material/travel_explore:"),
        st.Page("pages/sdg_scorecard.py", title="County SDG scorecard", icon=":material/scoreboard:"),
        st.Page("pages/sdg_gaps.py", title="Evidence gaps", icon=":material/data_alert:"),
    ],
    "Evidence and data": [
        st.Page("pages/data_sources.py", title="Data & sources", icon=":material/table_chart:"),
        st.Page("pages/data_quality.py", title="Data quality", icon=":material/fact_check:"),
        st.Page("pages/upload.py", title="Upload data", icon=":material/upload_file:"),
        st.Page("pages/load_history.py", title="Load history", icon=":material/history:"),
    ],
    "Reporting": [
        st.Page("pages/progress.py", title="Progress", icon=":material/flag:"),
        st.Page("pages/programme_finance.py", title="Programme finance", icon=":material/payments:"),
        st.Page("pages/reports.py", title="Reports", icon=":material/description:"),
    ],
}
ui.pin_snapshot()  # on a DuckLake warehouse, every query of this rerun reads one snapshot
navigation = st.navigation(pages, expanded=True)  # all 15 pages listed, none behind "View more"
st.sidebar.markdown("**JDP Analytics** · Joint Devolution Programme (UNDP, UNICEF, UN Women, "
                    "State Department for Devolution)")
ui.global_filters()
navigation.run()
