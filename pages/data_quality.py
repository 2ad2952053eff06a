"""Data quality: completeness per table and county, freshness, implausible values, and real vs demo share."""

import streamlit as st

from jdp_analytics.app import ui
from jdp_analytics.budget import execution
from jdp_analytics.common import demonstration
from jdp_analytics.common.i18n import _
from jdp_analytics.warehouse import catalog

ui.page_guard()


def titled(rows):
    """The rows with each table named in a reader's words ('Budget execution', not fact_budget_execution)."""
    return rows.assign(table_name=rows["table_name"].map(catalog.title))


st.title(_("Data quality"))
filters = ui.current_filters()

st.header(_("Freshness and demonstration share"))
shares = titled(ui.query_every_row("data_quality_sources"))  # rows counted by source, real and generated
if ui.include_demo() or not shares["demo_rows"].sum():
    st.markdown(demonstration.share_sentence(shares))
else:
    st.markdown(_("{count} of {total} tables with sourced rows also hold generated rows. With the demonstration "
                  "switch off they are counted here but left out of every page, download and document.").format(
        count=int((shares["demo_rows"] > 0).sum()), total=len(shares)))
st.dataframe(shares, hide_index=True, column_config={
    "table_name": _("Table"), "row_count": st.column_config.NumberColumn(_("Rows"), format="localized"),
    "real_rows": st.column_config.NumberColumn(_("Published or loaded"), format="localized"),
    "demo_rows": st.column_config.NumberColumn(_("Generated"), format="localized"),
    "latest_as_of": st.column_config.DateColumn(_("Latest as of")),
    "earliest_as_of": st.column_config.DateColumn(_("Earliest as of")),
    "demo_pct": st.column_config.NumberColumn(_("Generated, %"), format="%.1f %%")})

st.header(_("Completeness"))
completeness = titled(ui.query("data_quality_completeness"))
if filters.county_code:
    completeness = completeness[completeness["county_code"] == filters.county_code]
st.caption(_("Periods with figures against the periods each table covers (fiscal years for budgets, indicator × "
             "period for indicators, quarters for participation events)."))
st.dataframe(completeness, hide_index=True, column_config={
    "table_name": _("Table"), "county_code": _("Code"), "county_name": _("County"),
    "is_jdp_target": st.column_config.CheckboxColumn(_("JDP target")),
    "periods_present": st.column_config.NumberColumn(_("Periods with figures")),
    "periods_expected": st.column_config.NumberColumn(_("Periods covered")),
    "completeness_pct": st.column_config.ProgressColumn(_("Complete"), format="%.1f %%", min_value=0, max_value=100)})

st.header(_("Values to check"))
outliers = titled(ui.query("data_quality_outliers"))
if filters.county_code:
    outliers = outliers[outliers["county_code"] == filters.county_code]
if outliers.empty:
    st.success(_("No implausible or flagged value for this selection."))
else:
    outliers = outliers.assign(reason=outliers["reason"].map(execution.reason_words))
    st.dataframe(outliers, hide_index=True, column_order=["county_name", "period", "column_name", "value", "reason",
                                                          "table_name", "source_title"], column_config={
        "table_name": st.column_config.TextColumn(_("Table"), width="small"), "county_name": _("County"),
        "period": _("Period"), "column_name": _("Column"),
        "value": _("Value"), "reason": st.column_config.TextColumn(_("Why"), width="medium"),
        "source_title": st.column_config.TextColumn(_("Source"), width="small")})

st.header(_("County areas: boundaries against the census"))
areas = ui.query("county_areas")
if filters.county_code:
    areas = areas[areas["county_code"] == filters.county_code]
st.caption(_("Area measured on each county's kept boundary (not the simplified map) in an equal-area projection "
             "(EPSG:6933), beside the land area the 2019 census published (KPHC Vol. II, Table 2.2). The census counts "
             "land only; boundaries drawn into Lake Victoria or Lake Turkana measure more, and their density is "
             "lower."))
st.dataframe(areas, hide_index=True, column_order=[c for c in areas.columns if c != "county_code"], column_config={
    "county_code": _("Code"), "county_name": _("County"),
    "census_area_km2": st.column_config.NumberColumn(_("Census km²"), format="localized"),
    "boundary_area_km2": st.column_config.NumberColumn(_("Boundary km²"), format="localized"),
    "difference_pct": st.column_config.NumberColumn(_("Difference"), format="%.1f %%"),
    "census_density": st.column_config.NumberColumn(_("Per km², census"), format="localized",
                                                    help=_("persons per km² (census area)")),
    "boundary_density": st.column_config.NumberColumn(_("Per km², boundary"), format="localized",
                                                      help=_("persons per km² (boundary area)")),
    "boundary_source": st.column_config.TextColumn(_("Boundary from"), width="small"),
    "effective_date": st.column_config.DateColumn(_("In force from"), help=_("boundary in force from"))})
