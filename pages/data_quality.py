"""Data quality: completeness per table and county, freshness, implausible values, and real vs demo share."""

import streamlit as st

from jdp_analytics.app import ui
from jdp_analytics.common import demonstration
from jdp_analytics.common.i18n import _

ui.page_guard()
st.title(_("Data quality"))
filters = ui.current_filters()

st.header(_("Freshness and demonstration share"))
shares = ui.query("data_quality_sources")
st.markdown(demonstration.share_sentence(shares))
st.dataframe(shares, hide_index=True, column_config={
    "latest_as_of": st.column_config.DateColumn(_("latest as of")),
    "earliest_as_of": st.column_config.DateColumn(_("earliest as of")),
    "demo_pct": st.column_config.NumberColumn(_("demo %"), format="%.1f %%")})

st.header(_("Completeness"))
completeness = ui.query("data_quality_completeness")
if filters.county_code:
    completeness = completeness[completeness["county_code"] == filters.county_code]
st.caption(_("Periods with figures against the periods each table covers (fiscal years for budgets, indicator × "
             "period for indicators, quarters for participation events)."))
st.dataframe(completeness, hide_index=True, column_config={
    "completeness_pct": st.column_config.ProgressColumn(_("complete"), format="%.1f %%", min_value=0, max_value=100)})

st.header(_("Values to check"))
outliers = ui.query("data_quality_outliers")
if filters.county_code:
    outliers = outliers[outliers["county_code"] == filters.county_code]
if outliers.empty:
    st.success(_("No implausible or flagged value for this selection."))
else:
    st.dataframe(outliers, hide_index=True)

st.header(_("County areas: boundaries against the census"))
areas = ui.query("county_areas")
if filters.county_code:
    areas = areas[areas["county_code"] == filters.county_code]
st.caption(_("Area measured on each county's kept boundary (not the simplified map) in an equal-area projection "
             "(EPSG:6933), beside the land area the 2019 census published (KPHC Vol. II, Table 2.2). The census counts "
             "land only; boundaries drawn into Lake Victoria or Lake Turkana measure more, and their density is "
             "lower."))
st.dataframe(areas, hide_index=True, column_config={
    "census_area_km2": st.column_config.NumberColumn(_("census area km²"), format="localized"),
    "boundary_area_km2": st.column_config.NumberColumn(_("boundary area km²"), format="localized"),
    "difference_pct": st.column_config.NumberColumn(_("difference"), format="%.1f %%"),
    "census_density": st.column_config.NumberColumn(_("persons per km² (census area)"), format="localized"),
    "boundary_density": st.column_config.NumberColumn(_("persons per km² (boundary area)"), format="localized"),
    "effective_date": st.column_config.DateColumn(_("boundary in force from"))})
