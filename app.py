"""JDP Analytics: entry point. Pages grouped by the programme's outcome areas; global county and year.

Page URLs are the file names (/overview, /data_sources): Streamlit's legacy pages/ mode, which runs for the
first request to a fresh server, derives the same names, so a deep link works even then (see ui.page_guard).
"""

import streamlit as st

from jdp_analytics.app import ui
from jdp_analytics.common.i18n import _

st.set_page_config(page_title="JDP Analytics", page_icon="🇰🇪", layout="wide")
ui.use_language()  # before any text: titles, groups and pages all speak the chosen language
ui.page_style()

pages = {
    _("Programme"): [
        st.Page("pages/overview.py", title=_("Overview"), icon=":material/map:", default=True),
    ],
    _("Public participation"): [
        st.Page("pages/participation.py", title=_("Participation"), icon=":material/groups:"),
        st.Page("pages/accountability.py", title=_("Social accountability"), icon=":material/campaign:"),
        st.Page("pages/proposals.py", title=_("From proposals to budget"), icon=":material/route:"),
    ],
    _("Planning and budgeting"): [
        st.Page("pages/budget.py", title=_("Budget execution"), icon=":material/account_balance:"),
        st.Page("pages/budget_composition.py", title=_("Budget composition"), icon=":material/donut_small:"),
        st.Page("pages/oversight.py", title=_("Oversight"), icon=":material/gavel:"),
    ],
    _("SDG localization"): [
        st.Page("pages/sdg_explorer.py", title=_("Indicator explorer"), icon=":material/travel_explore:"),
        st.Page("pages/sdg_scorecard.py", title=_("County SDG scorecard"), icon=":material/scoreboard:"),
        st.Page("pages/sdg_gaps.py", title=_("Evidence gaps"), icon=":material/data_alert:"),
    ],
    _("Evidence and data"): [
        st.Page("pages/data_sources.py", title=_("Data & sources"), icon=":material/table_chart:"),
        st.Page("pages/data_quality.py", title=_("Data quality"), icon=":material/fact_check:"),
        st.Page("pages/upload.py", title=_("Upload data"), icon=":material/upload_file:"),
        st.Page("pages/load_history.py", title=_("Load history"), icon=":material/history:"),
        st.Page("pages/assessment.py", title=_("Assessment"), icon=":material/assignment_turned_in:"),
    ],
    _("Reporting"): [
        st.Page("pages/progress.py", title=_("Progress"), icon=":material/flag:"),
        st.Page("pages/programme_finance.py", title=_("Programme finance"), icon=":material/payments:"),
        st.Page("pages/reports.py", title=_("Reports"), icon=":material/description:"),
    ],
}
ui.pin_snapshot()  # on a DuckLake warehouse, every query of this rerun reads one snapshot
navigation = st.navigation(pages, expanded=True)  # all 18 pages listed, none behind "View more"
st.sidebar.markdown(_("**JDP Analytics** · Joint Devolution Programme (UNDP, UNICEF, UN Women, "
                      "State Department for Devolution)"))
ui.language_switch()
ui.global_filters()
ui.sections_switch()
ui.demo_switch()
navigation.run()
