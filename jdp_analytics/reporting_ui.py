"""Streamlit helpers of the Reporting pages: the quarter, outcome and agency pickers, kept in the URL."""

from __future__ import annotations

import streamlit as st

from jdp_analytics import schema, ui
from jdp_analytics.results_views import ALL, OUTCOMES


def period_picker(container=None) -> str:
    """Render the quarter picker (latest first), synchronised with ?period=; return the chosen quarter."""
    periods = ui.query("result_periods")["period"].tolist()
    if not periods:
        return ""
    wanted = st.session_state.get("period") or st.query_params.get("period", periods[0])
    st.session_state["period"] = wanted if wanted in periods else periods[0]
    (container or st).selectbox("Quarter", periods, key="period",
                                help="Calendar quarter the values were reported for: 2026Q3 is July–September 2026.")
    st.query_params["period"] = st.session_state["period"]
    return st.session_state["period"]


def filters_row() -> tuple[str, str, str]:
    """Render the outcome, agency and quarter pickers in one row; return (outcome, agency, period)."""
    left, middle, right = st.columns(3)
    outcome = left.selectbox("Outcome", [ALL, *OUTCOMES], key="outcome",
                             format_func=lambda o: "All outcomes" if o == ALL else f"{o} · {OUTCOMES[o]}")
    agency = middle.selectbox("Agency", [ALL, *schema.AGENCIES], key="agency",
                              format_func=lambda a: "All agencies" if a == ALL else a,
                              help="SDD: State Department for Devolution.")
    return outcome, agency, period_picker(right)
