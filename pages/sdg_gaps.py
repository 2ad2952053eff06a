"""Evidence gaps: which catalogue indicators each county has no value for (what outcome 3 asks counties to close)."""

import streamlit as st

from jdp_analytics.app import downloads, ui
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_frame
from jdp_analytics.common.inert import markdown_text as md
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

st.title(_("Evidence gaps"))
st.caption(_("{count} indicators in the catalogue: UN global SDG indicators the programme follows, and the KDHS 2022 "
             "and census 2019 indicators that measure or stand in for them. A gap is an indicator with no value for "
             "the county in any period. UN indicators count as gaps until a value is loaded under their own code "
             "(template or Open SDG file), even where a census or survey proxy exists.").format(count=len(catalogue)))
sources = sdg_metrics.coverage_by_source(observations, counties)
common = sdg_metrics.shared_gaps(grid)
if common is not None:
    st.info(md(sdg_views.same_gaps_text(common, sources, len(counties))))

st.subheader(_("County values by source and year"))
source_table = sdg_views.sources_table(sources)
st.table(markdown_frame(source_table.shown.set_index(_("Source"))))  # long source names wrap instead of being clipped
downloads.buttons(source_table, key="sdg_gaps_sources")

if filters.county_code:
    own = grid[(grid["county_code"] == filters.county_code) & ~grid["has_data"]]
    st.subheader(_("{county}: {count} of {total} indicators without a value").format(
        county=filters.county_name, count=len(own), total=len(catalogue)))
    st.table(markdown_frame(sdg_views.county_gaps(own, sdg_metrics.nearest_proxies(catalogue, grid,
                                                                                   filters.county_code))
                            .set_index(_("UN code"))))

st.subheader(_("Indicators with a value, eight target counties"))
downloads.grid(sdg_views.coverage_matrix(grid, catalogue, JDP_TARGETS), "sdg_gaps_matrix")
st.caption(_("Each cell is the latest period with a value; — is a gap."))

st.subheader(_("All 47 counties"))
downloads.table(sdg_views.gaps_table(gaps, len(catalogue)), key="sdg_gaps_table")
