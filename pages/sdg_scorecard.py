"""County SDG scorecard: every indicator's latest value, Kenya's, the target and the progress status, by SDG."""

import streamlit as st

from jdp_analytics.app import downloads, ui
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_frame
from jdp_analytics.common.inert import markdown_text as md
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
for column, (label, value, counts) in zip(st.columns(4), sdg_metrics.summary_cards(card, place == "KE")):
    column.metric(label, value, help=md(counts))
    column.caption(md(counts))
if filters.county_code and (sentence := sdg_metrics.against_kenya_sentence(card, place_name)):
    st.markdown(md(sentence))

export = sdg_views.scorecard_table(card, place_name)
sdg, indicator = _("SDG"), _("Indicator")
for goal, part in export.shown.groupby(sdg, sort=False):
    st.subheader(md(goal))
    st.table(markdown_frame(part.drop(columns=sdg).set_index(indicator)))  # wraps long statuses; a grid would clip
downloads.buttons(export, key="sdg_scorecard")
for note in sdg_views.target_notes(card, ui.query("sdg_targets"), place):
    st.caption(md(note))  # names a loaded target's basis and publisher
st.caption(_("Sources: {sources}.").format(sources=md(export.citation)))
st.markdown("**{}**".format(_("Method")))
st.caption(_(sdg_metrics.METHOD))
