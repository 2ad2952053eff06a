"""Evidence gaps: which catalogue indicators each county has no value for (what outcome 3 asks counties to close)."""

import streamlit as st

from jdp_analytics.app import downloads, ui
from jdp_analytics.geography.counties import JDP_TARGETS
from jdp_analytics.sdg import metrics as sdg_metrics
from jdp_analytics.sdg import views as sdg_views

ui.page_guard()
filters = ui.current_filters()
catalogue = ui.query("sdg_catalogue")
counties = ui.query("counties")
observations = ui.query("sdg_observations", indicator_code="", county_code="")
grid = sdg_metrics.coverage(catalogue, observations, counties)
gaps = sdg_metrics.gaps_by_county(grid)

st.title("Evidence gaps")
st.caption(f"{len(catalogue)} indicators in the catalogue: UN global SDG indicators the programme follows, and the "
           "KDHS 2022 and census 2019 indicators that measure or stand in for them. A gap is an indicator with no "
           "value for the county in any period. UN indicators count as gaps until a value is loaded under their own "
           "code (template or Open SDG file), even where a census or survey proxy exists.")
sources = sdg_metrics.coverage_by_source(observations, counties)
common = sdg_metrics.shared_gaps(grid)
if common is not None:
    st.info(sdg_views.same_gaps_text(common, sources, len(counties)))

st.subheader("County values by source and year")
source_table = sdg_views.sources_table(sources)
st.table(source_table.shown.set_index("Source"))  # long source names wrap instead of being clipped
downloads.buttons(source_table, key="sdg_gaps_sources")

if filters.county_code:
    own = grid[(grid["county_code"] == filters.county_code) & ~grid["has_data"]]
    st.subheader(f"{filters.county_name}: {len(own)} of {len(catalogue)} indicators without a value")
    st.table(sdg_views.county_gaps(own, sdg_metrics.nearest_proxies(catalogue, grid, filters.county_code))
             .set_index("UN code"))

st.subheader("Indicators with a value, eight target counties")
st.dataframe(sdg_views.coverage_matrix(grid, catalogue, JDP_TARGETS), hide_index=True, key="sdg_gaps_matrix")
st.caption("Each cell is the latest period with a value; — is a gap.")

st.subheader("All 47 counties")
downloads.table(sdg_views.gaps_table(gaps, len(catalogue)), key="sdg_gaps_table")
