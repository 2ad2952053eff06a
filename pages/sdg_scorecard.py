"""County SDG scorecard: every indicator's latest value, Kenya's, the target and the progress status, by SDG."""

import streamlit as st

from jdp_analytics.app import downloads, ui
from jdp_analytics.common.i18n import _
from jdp_analytics.sdg import metrics as sdg_metrics
from jdp_analytics.sdg import views as sdg_views

ui.page_guard()
filters = ui.current_filters()
place = filters.county_code or "KE"
place_name = filters.county_name if filters.county_code else "Kenya"
card = sdg_metrics.scorecard({"catalogue": ui.query("sdg_catalogue"), "targets": ui.query("sdg_targets"),
                      "observations": ui.query("sdg_observations", indicator_code="", county_code=place)}, place)

st.title(_("SDG scorecard · {place}").format(place=place_name))
st.caption(_("Every indicator of the catalogue with the latest value, Kenya's value in the same year, the date the "
             "value is as of, the target that applies (the county's own where it set one, else the national one) "
             "and the progress status. Where only one year exists no trend can be judged, so the status says where "
             "the value stands against Kenya and the target. Pick a county in the sidebar; 'All 47 counties' shows "
             "Kenya."))
counts = card["status"].value_counts()
with_value = card["latest_value"].notna()
for column, (label, value) in zip(st.columns(4), [
        (_("Indicators with a value"), _("{count} of {total}").format(count=int(with_value.sum()), total=len(card))),
        (_("One year only: no trend"), int((with_value & (card["status"] == "insufficient data")).sum())),
        (_("Target met"), counts.get("target met", 0)),
        (_("On track or improving"), counts.get("on track", 0) + counts.get("moderately improving", 0))]):
    column.metric(label, value)
if filters.county_code and (sentence := sdg_metrics.against_kenya_sentence(card, place_name)):
    st.markdown(sentence)

export = sdg_views.scorecard_table(card, place_name)
sdg, indicator = _("SDG"), _("Indicator")
for goal, part in export.shown.groupby(sdg, sort=False):
    st.subheader(goal)
    st.table(part.drop(columns=sdg).set_index(indicator))  # a table wraps long statuses; a grid would clip them
downloads.buttons(export, key="sdg_scorecard")
st.caption(_("Sources: {sources}.").format(sources=export.citation))
st.markdown("**{}**".format(_("Method")))
st.caption(_(sdg_metrics.METHOD))
