"""From proposals to budget: every citizen proposal followed to the plan, the budget line, the money spent and the
feedback given, per ward and sector; whose proposals were adopted; the counties side by side; a proposal's trail."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.geography import maps, versions
from jdp_analytics.proposals import metrics as m
from jdp_analytics.proposals import views as pv

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
view = ui.view(pv.proposals_view, county_code=code, fiscal_year=year)



def trail(proposal_id: str) -> None:
    found = pv.proposal_trail(ui.query, proposal_id)  # cheap; kept out of the shared view cache
    with st.container(border=True, key="proposal_trail"):
        if found is None:
            st.error(_("No proposal {id} is in the warehouse; pick one from the list below.").format(
                id=md(repr(proposal_id))))  # the URL's text, shown as written: never a link
            return
        st.subheader(_("Trail of proposal {id}: {title}").format(id=md(proposal_id), title=md(found.title)))
        if found.is_demo:
            st.caption(_("**{demo}.** This proposal, its decision and its amounts did not happen.").format(
                demo=_(ui.DEMO_LABEL)))
        st.markdown("\n".join(f"- **{md(label)}:** {md(value)}" for label, value in found.facts))
        if len(found.lines):
            downloads.grid(found.lines, "trail_lines")  # a plain table that wraps when a grid would be too wide
        st.caption(_("{source} Link to this trail: `{link}`").format(source=md(found.source), link=found.link))


st.title(_("From proposals to budget · {name}").format(name=name))
st.caption(_("{year}. Each citizen proposal followed from the forum to the plan, the budget line, the money spent and "
             "the feedback given.").format(year=formatting.sentence_case(formatting.fy(year))))
if view.is_demo:
    st.warning(_("{demo}: the proposals, decisions, ward projects and amounts on this page are generated for "
                 "demonstration until counties load their own (Upload data: proposals, ward projects, proposal "
                 "links). They say nothing about any real county.").format(demo=_(ui.DEMO_LABEL)),
               icon=":material/science:")
picked = st.query_params.get("proposal")
previous = st.session_state.get("proposal_pick")
if picked and not (previous and previous["selection"]["rows"]):
    trail(picked)
if not view.has_proposals:
    panels.front_door(("fact_proposal",),
                      _("This page would follow each citizen proposal from the forum to the plan, the budget line, the "
                        "money spent and the feedback given, per ward and sector, with whose proposals were adopted "
                        "and the counties side by side."), filters, "proposals")
    st.stop()
ui.cards(view.cards)
st.caption(md(view.source))

st.header(_("The funnel"))
downloads.item(view.funnel_chart, "funnel")
by_ward, by_sector = st.tabs([_("Per ward"), _("Per sector")])
with by_ward:
    if view.ward_table is None:
        st.caption(_("Choose a county to see its wards; the counties are compared below."))
    else:
        downloads.table(view.ward_table, "ward_table", sheet=_("proposals by ward"))
with by_sector:
    downloads.table(view.sector_table, "sector_table", sheet=_("proposals by sector"))

if view.ward_chart is not None:
    st.header(_("KES allocated to citizens' proposals, by ward"))
    boundaries = ui.query("ward_boundaries", county_code=code, as_of=versions.in_force_on(year))
    if not boundaries.empty:
        deck, edges = maps.ward_proposal_deck(boundaries, view.ward_summary)
        caption = _("KES allocated to citizens' proposals per proposal made, {name}, {year}. {boundaries}").format(
            name=md(name), year=formatting.fy(year), boundaries=md(versions.boundary_caption(boundaries)))
        st.caption(_("{demo}. {caption}").format(demo=_(ui.DEMO_LABEL), caption=caption) if view.is_demo
                   else caption)
        st.pydeck_chart(deck, height=480, key="ward_proposal_map")
        st.markdown(maps.proposal_legend_html(edges), unsafe_allow_html=True)
    downloads.item(view.ward_chart, "wards")
st.caption(_(m.WARD_BASE_NOTE))

st.header(_("Whose proposals were adopted"))
downloads.item(view.group_chart, "groups")
downloads.table(view.group_table, "group_table")

st.header(_("Adopted but not yet funded: the oldest"))
downloads.table(view.oldest_table, "oldest_table")

st.header(_("The counties side by side"))
downloads.item(view.comparison_chart, "counties")
downloads.table(view.comparison_table, "comparison_table")

if code:
    st.header(_("Equity by ward: development spending"))
    if view.equity_chart is None:
        st.info(_("No ward development projects are loaded for {name} in {year}: the ward development fund "
                  "committees keep them; an editor loads them on Upload data (ward projects).").format(
            name=name, year=formatting.fy(year)))
    else:
        downloads.item(view.equity_chart, "equity")
        downloads.table(view.equity_table, "equity_table")
        st.caption(_(m.EQUITY_BASE_NOTE))

st.header(_("Every proposal"))
st.caption(_("Pick a row to open the proposal's trail; its address (with &proposal=…) reopens it."))
event = downloads.picker(view.proposals_table, "proposal_pick", pv.PICK_ORDER, pv.PICK_WIDE)
if event.selection.rows:
    chosen = view.proposals_table.data["proposal_id"].iloc[event.selection.rows[0]]
    st.query_params["proposal"] = chosen
    trail(chosen)
