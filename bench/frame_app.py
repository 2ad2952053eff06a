"""bench_frame.py's apps: the app's frame (page setup, navigation, sidebar) built up in steps around one plotly chart.

JDP_FRAME picks the step: `sidebar` (the county picker alone, in the sidebar), `navigation` (+ wide page setup and
st.navigation's 16 links with icons, as app.py lists them), `frame` (+ the app's own sidebar: language, county,
year, the sections switch, the style rules and the URL kept in step), `fragment` (the frame with the county and year
pickers and the page in one st.fragment, so that a county change reruns only them: measured in session 11, it saved
0.02 s of 0.31 s; kept to repeat the measurement). Every page draws the bare app's chart.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly.graph_objects as go  # noqa: E402
import streamlit as st  # noqa: E402

from jdp_analytics.app import ui  # noqa: E402

STEP = os.environ.get("JDP_FRAME", "frame")
ICONS = ["map", "groups", "campaign", "route", "account_balance", "donut_small", "travel_explore", "scoreboard",
         "data_alert", "table_chart", "fact_check", "upload_file", "history", "flag", "payments", "description"]


def chart() -> None:
    county = st.session_state.get("county", "002")
    values = {"002": [3, 1, 2], "014": [1, 3, 2]}.get(county, [2, 2, 3])
    if STEP in ("cards", "tabs", "figure", "page"):
        content(county)
        return
    st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=values), layout=dict(title=f"Bare chart · {county}")))


def content(county: str) -> None:
    from jdp_analytics.app import downloads
    from jdp_analytics.budget.execution_view import execution_view

    view = ui.view(execution_view, county_code=county, fiscal_year="2023/24")
    if STEP in ("cards", "page"):
        st.title(f"Budget execution · {county}")
        st.caption("A caption line.")
        ui.cards(view.cards, widths=[5, 5, 4, 4])
        st.caption(view.median_sentence)
    box = st.container()
    if STEP in ("tabs", "page"):
        box = ui.sections("bench_section", ["Trend", "The 47", "Credibility", "Rules", "Per person", "Items"])[0]
        box = box.container
    with box:
        if STEP in ("figure", "page"):
            downloads.chart(view.budget_chart, "budget", "budget_bars")
        else:
            values = {"002": [3, 1, 2], "014": [1, 3, 2]}.get(county, [2, 2, 3])
            st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=values), layout=dict(title=f"Bare · {county}")))


def county_picker() -> None:
    if "county" not in st.session_state:
        st.session_state["county"] = st.query_params.get("county", "002")
    options = ui.county_options()
    with st.sidebar:
        st.selectbox("County", options, key="county", format_func={c: ui.county_label(c) for c in options}.get)


if STEP == "sidebar":
    county_picker()
    chart()
else:
    st.set_page_config(page_title="JDP Analytics", page_icon="🇰🇪", layout="wide")
    if STEP != "navigation":
        ui.use_language()
        ui.page_style()
    pages = [st.Page(chart, title=f"Page {n + 1}", icon=f":material/{icon}:", url_path=f"page{n + 1}",
                     default=n == 0) for n, icon in enumerate(ICONS)]
    navigation = st.navigation({"Programme": pages[:1], "Areas": pages[1:13], "Reporting": pages[13:]},
                               expanded=True)
    if STEP == "fragment":
        # The county and year pickers and the page in one fragment: a county change reruns them only, not the
        # page setup, the navigation and the rest of the sidebar.
        st.sidebar.markdown("**JDP Analytics** · Joint Devolution Programme (UNDP, UNICEF, UN Women, State "
                            "Department for Devolution)")
        ui.language_switch()
        filters_box = st.sidebar.container()
        ui.sections_switch()

        @st.fragment
        def filtered_page() -> None:
            with filters_box:
                ui.global_filters()
            navigation._can_be_called = True  # a fragment rerun runs the page again (st.Page.run allows one call)
            navigation.run()

        filtered_page()
    elif STEP != "navigation":
        st.sidebar.markdown("**JDP Analytics** · Joint Devolution Programme (UNDP, UNICEF, UN Women, State "
                            "Department for Devolution)")
        ui.language_switch()
        ui.global_filters()
        ui.sections_switch()
    else:
        county_picker()
    navigation.run() if STEP != "fragment" else None
