"""Indicator explorer: one indicator across the 47 counties (map, ranking), its trend, breakdown and metadata."""

import streamlit as st

from jdp_analytics.app import downloads, ui
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_frame
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.common.vocabulary import term
from jdp_analytics.geography import maps
from jdp_analytics.sdg import charts as sdg_charts
from jdp_analytics.sdg import views as sdg_views

ui.page_guard()
filters = ui.current_filters()
catalogue = ui.query("sdg_catalogue")
observed = catalogue[catalogue["observations"] > 0].set_index("indicator_code", drop=False)
if observed.empty:
    st.title(_("Indicator explorer"))
    st.info(_("The warehouse holds no indicator values yet: load KDHS, census or Open SDG files on Upload data."))
    st.stop()
codes = observed.index.tolist()
if "sdg_indicator" not in st.session_state:  # the indicator is kept in the URL, so a link opens the same view
    wanted = st.query_params.get("indicator", "CEN_INTERNET_USE")
    st.session_state["sdg_indicator"] = wanted if wanted in codes else codes[0]
st.title(_("Indicator explorer"))
labels = {c: sdg_views.indicator_label(observed.loc[c]) for c in codes}
code = st.selectbox(_("Indicator"), codes, key="sdg_indicator", format_func=labels.get)
st.query_params["indicator"] = code
row = observed.loc[code]
measure = sdg_views.measure_of(row)
counties = ui.query("counties")
observations = ui.query("sdg_observations", indicator_code=code, county_code="")
ex = sdg_views.explorer(observations, counties, filters.county_code)
st.caption(_("{goal} · {population} · {kenya} · {source} Selected: {place} (sidebar).").format(
    goal=md(sdg_views.goal_label(row["sdg_goal"])), population=md(term(row["population"]) or ""),
    kenya=md(sdg_views.kenya_line(ex, measure)), source=md(ex.source), place=md(ex.place_name)))
st.caption(":material/event: " + _("Indicators are measured in survey and census rounds, not fiscal years: this page "
                                   "shows {period} (the latest round with county values), not {year} of the "
                                   "sidebar.").format(period=ex.period or _("no county round"),
                                                      year=formatting.fy(filters.fiscal_year)))
if ex.values["is_demo"].fillna(False).astype(bool).any():
    st.warning(_(ui.DEMO_LABEL))

# One section at a time (lazy tabs): a county or year change redraws the open one only.
counties_tab, trend_tab, breakdown_tab, metadata_tab = ui.sections(
    "sdg_section", [_("Counties"), _("Trend"), _("Breakdown"), _("Metadata")])
if counties_tab.open:
    with counties_tab.container:
        if ex.period is None:
            st.info(_("No county has a value of this indicator: only Kenya's is in the warehouse."))
        left, right = st.columns([3, 2])
        with left:
            st.pydeck_chart(ui.figure(maps.county_deck, ui.query("county_boundaries"), ex.values, measure,
                                      filters.county_code), height=560, key="sdg_map")
            st.markdown(maps.legend_html(maps.classes(ex.values["value"]), measure), unsafe_allow_html=True)
            st.caption(_("{measure}, {period}. {source} {attribution}.").format(
                measure=md(measure.label), period=md(ex.period), source=md(ex.source), attribution=maps.ATTRIBUTION))
        with right:
            downloads.chart(sdg_charts.ranking(ex.values, measure, filters.county_code, ex.national, ex.period or "",
                                               ex.source), sdg_views.file_stem(code, _("ranking")), key="sdg_ranking")
        downloads.table(sdg_views.ranking_table(ex, row), key="sdg_ranking_table")
        wards = sdg_views.ward_table(observations, filters.county_code, row)
        if wards is not None:
            st.subheader(_("Wards of {county}").format(county=md(ex.place_name)))
            downloads.table(wards, key="sdg_ward_table")
if trend_tab.open:
    with trend_tab.container:
        if ex.trend["period"].nunique() < 2:
            periods = ", ".join(sorted(ex.trend["period"].unique()))
            st.info(_("One period only ({periods}): no trend can be read yet; the chart shows that period's value. "
                      "Load later rounds (template or Open SDG file) to see a trend.").format(periods=periods))
        downloads.chart(sdg_charts.trend(ex.trend, measure, ex.place_name, ex.source),
                        sdg_views.file_stem(code, _("trend")), key="sdg_trend")
if breakdown_tab.open:
    with breakdown_tab.container:
        if ex.breakdown.empty or (ex.breakdown["dimension"] == "All").all():
            st.info(_("No breakdown (sex, age, disability, urban/rural) of this indicator for {place} in {period}.")
                    .format(place=md(ex.place_name), period=md(ex.period or _("any period"))))
        else:
            downloads.chart(sdg_charts.breakdown(ex.breakdown, measure, ex.place_name, ex.period, ex.source),
                            sdg_views.file_stem(code, ex.place_name, _("breakdown")), key="sdg_breakdown")
if metadata_tab.open:
    with metadata_tab.container:
        st.table(markdown_frame(sdg_views.metadata(row, ui.query("sdg_targets")).set_index(_("Field"))))
