"""Streamlit helpers of the Reporting pages: the quarter, outcome and agency pickers, kept in the URL."""

from __future__ import annotations

import streamlit as st

from jdp_analytics.app import ui
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.documents import make
from jdp_analytics.documents.sections import ReportView
from jdp_analytics.results import tables as results_tables
from jdp_analytics.results.views import ALL, OUTCOMES


def period_picker(container=None) -> str:
    """Render the quarter picker (latest first), synchronised with ?period=; return the chosen quarter."""
    periods = ui.query("result_periods")["period"].tolist()
    if not periods:
        return ""
    wanted = st.session_state.get("period") or st.query_params.get("period", periods[0])
    st.session_state["period"] = wanted if wanted in periods else periods[0]
    (container or st).selectbox(_("Quarter"), periods, key="period", format_func=formatting.quarter,
                                help=_("Calendar quarter the values were reported for: 2026Q3 is July–September "
                                       "2026."))
    st.query_params["period"] = st.session_state["period"]
    return st.session_state["period"]


def period_note(period: str, fiscal_year: str) -> None:
    """Say in one line at the top why a results page shows a quarter, not the sidebar's fiscal year."""
    periods = sorted(ui.query("result_periods")["period"])
    held = f"{formatting.quarter(periods[0])}–{formatting.quarter(periods[-1])}" if periods else _("none")
    st.caption(":material/event: " + _("Results are reported by calendar quarter: this page shows **{period}** (the "
                                       "Quarter picker), not {year} of the sidebar; the warehouse holds quarters "
                                       "{held}.").format(period=formatting.quarter(period),
                                                         year=formatting.fy(fiscal_year), held=held))


def _from_url(key: str, options: list[str]) -> None:
    """Start a picker at the value of ?key= in the address (a deep link), when it is one of its options."""
    if key not in st.session_state:
        wanted = st.query_params.get(key, ALL)
        st.session_state[key] = wanted if wanted in options else ALL


def _to_url(key: str) -> None:
    if st.session_state[key] == ALL:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = st.session_state[key]


def filters_row() -> tuple[str, str, str]:
    """Render the outcome, agency and quarter pickers in one row, kept in the URL; return (outcome, agency, period)."""
    _from_url("outcome", [ALL, *OUTCOMES])
    _from_url("agency", [ALL, *results_tables.AGENCIES])
    left, middle, right = st.columns(3)
    outcomes = {o: _("All outcomes") if o == ALL else f"{o} · {_(OUTCOMES[o])}" for o in [ALL, *OUTCOMES]}
    agencies = {a: _("All agencies") if a == ALL else a for a in [ALL, *results_tables.AGENCIES]}
    outcome = left.selectbox(_("Outcome"), list(outcomes), key="outcome", format_func=outcomes.get)
    agency = middle.selectbox(_("Agency"), list(agencies), key="agency", format_func=agencies.get,
                              help=_("SDD: State Department for Devolution."))
    _to_url("outcome")
    _to_url("agency")
    return outcome, agency, period_picker(right)


@st.cache_data(show_spinner=False, max_entries=16, ttl=3600)
def _document(kind: str, path: str, version: float, view: ReportView) -> bytes:
    return make.make(kind, path, view)  # in the view's language (view.lang)


def document(kind: str, view: ReportView) -> bytes:
    """Return a generated document, kept for an hour (its 'generated' time is when it was made) until the
    warehouse changes: a second download of the same brief is instant."""
    path = ui.warehouse_path()
    return _document(kind, str(path), path.stat().st_mtime, view)


def app_url() -> str:
    """Return the app's public address for document links: $JDP_APP_URL, else the `app_url` setting in
    .streamlit/secrets.toml, else '' (the documents then say they carry no links)."""
    from jdp_analytics.documents.sections import configured_app_url

    if configured_app_url():
        return configured_app_url()
    try:
        return str(st.secrets.get("app_url", "")).strip().rstrip("/")
    except FileNotFoundError:
        return ""
