"""Overview: a map of the counties, headline figures and the absorption trend for the chosen county and year."""

import streamlit as st

from jdp_analytics.app import panels, ui
from jdp_analytics.budget import execution_charts
from jdp_analytics.common import charts as common_charts
from jdp_analytics.common import measures as common_measures
from jdp_analytics.common import presentation
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.geography import maps, versions
from jdp_analytics.overview import views as overview_views

ui.page_guard()

filters = ui.current_filters()
counties = ui.query("counties")
measures = overview_views.with_own_source_revenue(ui.query("county_measures", fiscal_year=filters.fiscal_year),
                                                  ui.query("own_source_revenue"), filters.fiscal_year)
catalogue = common_measures.measures(ui.query("indicators"))

st.title(_("Overview · {county}").format(county=filters.county_name))
st.caption(_("Joint Devolution Programme · fiscal year {fiscal_year} (July to June). Every figure names its source "
             "and as-of date.").format(fiscal_year=filters.fiscal_year))

ui.cards(overview_views.headline_cards(measures, counties, catalogue, filters.county_code, filters.fiscal_year),
         show_source=True)

panels.holdings(filters)

# One section at a time (lazy tabs): a county or year change redraws the open one only.
counties_tab, trend_tab, ward_tab = ui.sections("overview_section", [_("Counties"), _("Absorption trend"), _("Wards")])

if counties_tab.open:
    with counties_tab.container:
        left, right = st.columns([3, 2])
        with left:
            labels = {k: m.label for k, m in catalogue.items()}
            key = st.selectbox(_("Colour the counties by"), list(catalogue), format_func=labels.get,
                               index=list(catalogue).index("absorption_pct"), key="overview_measure")
            ui.choice_from_url("view", ["map", "tiles"], "map")  # ?view=tiles reopens the tile grid
            view = st.segmented_control(_("View"), ["map", "tiles"], key="view",
                                        format_func={"map": _("Map"), "tiles": _("Tile grid")}.get,
                                        help=_("The tile grid gives every county the same size, so Nairobi, "
                                               "Mombasa and Vihiga are as visible as Turkana."))
            ui.choice_to_url("view", "map")
            values = overview_views.measure_values(measures, counties, key)
            source = presentation.source_line(values)
            if view == "tiles":
                st.plotly_chart(maps.tile_grid(values, counties, catalogue[key], filters.county_code, source),
                                config={"displayModeBar": False}, key="tile_grid")
            else:
                st.pydeck_chart(ui.figure(maps.county_deck, ui.query("county_boundaries"), values, catalogue[key],
                                          filters.county_code), height=560, key="county_map")
            edges = maps.classes(values["value"].where(values["flag"].isna()))
            st.markdown(maps.legend_html(edges, catalogue[key]), unsafe_allow_html=True)
            st.caption(f"{md(source)} {maps.ATTRIBUTION}.")
        with right:
            comparison = common_measures.compare(values, None)
            st.plotly_chart(ui.figure(common_charts.county_ranking, values, catalogue[key], filters.county_code,
                                      comparison.median, source),
                            config={"displayModeBar": False}, key="ranking")

if trend_tab.open:
    with trend_tab.container:
        trend = ui.query("budget_execution_trend", county_code=filters.county_code or "")
        st.plotly_chart(ui.figure(execution_charts.absorption_trend, trend,
                                  filters.county_code and filters.county_name, presentation.source_line(trend)),
                        config={"displayModeBar": False}, key="trend")
        if trend["flag"].notna().any():
            st.warning(_("Some published development absorption rates for this county are flagged as suspect "
                         "upstream (they look like fractions, not percentages) and are shown as crosses, not "
                         "plotted."))

if ward_tab.open:
    with ward_tab.container:
        if not filters.county_code:
            st.info(_("Choose a county in the sidebar to see its wards."))
        else:
            wards = ui.query("wards_of_county", county_code=filters.county_code)
            boundaries = ui.query("ward_boundaries", county_code=filters.county_code,
                                  as_of=versions.in_force_on(filters.fiscal_year))
            st.subheader(_("Wards of {county}").format(county=filters.county_name))
        if filters.county_code and boundaries.empty:
            st.info(_("Ward boundaries are not installed: the IEBC ward polygons have no clear licence, so the "
                      "project does not ship them; an administrator can install them with the warehouse's source "
                      "files. Meanwhile the wards are listed by constituency."))
            st.dataframe(wards[["constituency_name", "ward_name", "ward_code"]].rename(columns={
                "constituency_name": _("Constituency"), "ward_name": _("Ward"), "ward_code": _("Ward code")}),
                hide_index=True)
        elif filters.county_code:
            st.pydeck_chart(maps.ward_deck(boundaries, wards), height=520, key="ward_map")
            missing = wards[~wards["ward_code"].isin(boundaries["ward_code"])]
            note = _(" No boundary for: {wards}.").format(wards=", ".join(missing["ward_name"].map(md))) \
                if not missing.empty else ""
            st.caption(_("{drawn} of {count} wards, coloured by constituency. {boundaries}{missing} {source}")
                       .format(drawn=len(boundaries), count=len(wards), missing=note,
                               boundaries=md(versions.boundary_caption(boundaries)),
                               source=md(presentation.source_line(wards))))
