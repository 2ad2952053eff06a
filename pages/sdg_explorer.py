"""Indicator explorer: one indicator across the 47 counties (map, ranking), its trend, breakdown and metadata."""

import streamlit as st

from jdp_analytics.app import downloads, ui
from jdp_analytics.geography import maps
from jdp_analytics.sdg import charts as sdg_charts
from jdp_analytics.sdg import views as sdg_views

ui.page_guard()
filters = ui.current_filters()
catalogue = ui.query("sdg_catalogue")
observed = catalogue[catalogue["observations"] > 0].set_index("indicator_code", drop=False)
if observed.empty:
    st.title("Indicator explorer")
    st.info("The warehouse holds no indicator values yet: load KDHS, census or Open SDG files on Upload data.")
    st.stop()
codes = observed.index.tolist()
if "sdg_indicator" not in st.session_state:  # the indicator is kept in the URL, so a link opens the same view
    wanted = st.query_params.get("indicator", "CEN_INTERNET_USE")
    st.session_state["sdg_indicator"] = wanted if wanted in codes else codes[0]
st.title("Indicator explorer")
code = st.selectbox("Indicator", codes, key="sdg_indicator",
                    format_func=lambda c: sdg_views.indicator_label(observed.loc[c]))
st.query_params["indicator"] = code
row = observed.loc[code]
measure = sdg_views.measure_of(row)
counties = ui.query("counties")
observations = ui.query("sdg_observations", indicator_code=code, county_code="")
ex = sdg_views.explorer(observations, counties, filters.county_code)
st.caption(f"{sdg_views.goal_label(row['sdg_goal'])} · {row['population'] or ''} · "
           f"{sdg_views.kenya_line(ex, measure)} · {ex.source} Selected: {ex.place_name} (sidebar).")
if ex.values["is_demo"].fillna(False).astype(bool).any():
    st.warning(ui.DEMO_LABEL)

counties_tab, trend_tab, breakdown_tab, metadata_tab = st.tabs(["Counties", "Trend", "Breakdown", "Metadata"])
with counties_tab:
    if ex.period is None:
        st.info("No county has a value of this indicator: only Kenya's is in the warehouse.")
    left, right = st.columns([3, 2])
    with left:
        st.pydeck_chart(maps.county_deck(ui.query("county_boundaries"), ex.values, measure, filters.county_code),
                        height=560, key="sdg_map")
        st.markdown(maps.legend_html(maps.classes(ex.values["value"]), measure), unsafe_allow_html=True)
        st.caption(f"{measure.label}, {ex.period}. {ex.source} {maps.ATTRIBUTION}.")
    with right:
        downloads.chart(sdg_charts.ranking(ex.values, measure, filters.county_code, ex.national, ex.period or "",
                                           ex.source), sdg_views.file_stem(code, "ranking"), key="sdg_ranking")
    downloads.table(sdg_views.ranking_table(ex, row), key="sdg_ranking_table")
    wards = sdg_views.ward_table(observations, filters.county_code, row)
    if wards is not None:
        st.subheader(f"Wards of {ex.place_name}")
        downloads.table(wards, key="sdg_ward_table")
with trend_tab:
    if ex.trend["period"].nunique() < 2:
        st.info(f"One period only ({', '.join(sorted(ex.trend['period'].unique()))}): no trend can be read, and "
                "none is drawn. Load later rounds (template or Open SDG file) to see one.")
    downloads.chart(sdg_charts.trend(ex.trend, measure, ex.place_name, ex.source), sdg_views.file_stem(code, "trend"),
                    key="sdg_trend")
with breakdown_tab:
    if ex.breakdown.empty or (ex.breakdown["dimension"] == "All").all():
        st.info(f"No breakdown (sex, age, disability, urban/rural) of this indicator for {ex.place_name} in "
                f"{ex.period or 'any period'}.")
    else:
        downloads.chart(sdg_charts.breakdown(ex.breakdown, measure, ex.place_name, ex.period, ex.source),
                        sdg_views.file_stem(code, ex.place_name, "breakdown"), key="sdg_breakdown")
with metadata_tab:
    st.table(sdg_views.metadata(row, ui.query("sdg_targets")).set_index("Field"))
