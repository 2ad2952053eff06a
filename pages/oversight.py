"""Oversight: county assemblies and audit. The budget calendar kept or missed against the PFM Act, what the assembly
changed in the executive's budget, what the Auditor-General found (as the press reported it, and as loaded) and what
was done about each recommendation; women in the county assembly where reported."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.oversight import views as ov

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
view = ui.view(ov.oversight_view, county_code=code, fiscal_year=year)



def report(report_id: str) -> None:
    found = ov.report(ui.query, report_id)  # cheap; kept out of the shared view cache
    with st.container(border=True, key="oversight_report"):
        if found is None:
            st.error(_("No report {id} is in the warehouse; pick one from the list below.").format(
                id=md(repr(report_id))))  # the URL's text, shown as written: never a link
            return
        st.subheader(_("Recommendations of {title}").format(title=md(found.title)))
        if found.is_demo:
            st.caption(_("**{demo}.** This report and its recommendations did not happen.").format(
                demo=_(ui.DEMO_LABEL)))
        st.markdown("\n".join(f"- **{md(label)}:** {md(value)}" for label, value in found.facts))
        downloads.table(found.table, "report_recommendations", sheet=_("recommendations"))
        st.caption(_("{source} Link to this report: `{link}`").format(source=md(found.source), link=found.link))


st.title(_("Oversight · {name}").format(name=name))
st.caption(_("{year}. The budget calendar against the law, what the county assembly changed in the executive's "
             "budget, what the Auditor-General found and what was done about it.").format(
    year=formatting.sentence_case(formatting.fy(year))))
if view.is_demo:
    st.warning(_("{demo}: the budget calendars, amendments and recommendations marked on this page are generated for "
                 "demonstration until counties load their own (Upload data). They say nothing about any real "
                 "county.").format(demo=_(ui.DEMO_LABEL)), icon=":material/science:")
calendar_tab, changes_tab, audit_tab, follow_tab, women_tab = ui.sections(
    "oversight_section", [_("Budget calendar"), _("Assembly changes"), _("Audit opinions"), _("Follow-up"),
                          _("Women members")], default=3 if "oversight" in st.query_params else 0)

if calendar_tab.open:
    with calendar_tab.container:
        st.header(_("The budget calendar against the law"))
        if view.calendar_table is not None:
            st.markdown(md(view.late_sentence))
            downloads.item(view.timeline_chart, "timeline")
            downloads.table(view.calendar_table, "calendar_table", sheet=_("budget calendar"))
            st.caption(md(view.calendar_source))
        elif code or not view.has_calendar:
            panels.front_door(("fact_budget_milestone",), _(ov.CALENDAR_SHOWS), filters, "budget_calendar")
        if view.side_table is not None:
            st.subheader(_("The counties side by side"))
            downloads.item(view.side_chart, "calendar_counties")
            downloads.table(view.side_table, "calendar_counties_table", sheet=_("counties"))
        panels.as_reported(ov.BUDGET_APPROVAL, code, name)

if changes_tab.open:
    with changes_tab.container:
        st.header(_("What the county assembly changed in the executive's budget"))
        if not view.has_amendments:
            panels.front_door(("fact_budget_amendment",), _(ov.AMENDMENTS_SHOW), filters, "budget_amendments")
        elif code:
            st.markdown(md(view.moved_sentence))
            downloads.item(view.amendments_chart, "amendments")
            downloads.table(view.votes_table, "votes_table", sheet=_("amendments"))
        else:
            downloads.table(view.counties_table, "amendments_counties", sheet=_("amendments"))
        if view.has_amendments:
            st.caption(md(view.amendments_source))

if audit_tab.open:
    with audit_tab.container:
        st.header(_("Audit opinions"))
        panels.as_reported(ov.AUDIT_OPINION, code, name)  # the real first rows, each with its quote and outlet
        if view.opinions_table is not None:
            st.subheader(_("Year by year, {name}").format(name=name))
            downloads.table(view.opinions_table, "opinions_by_year", sheet=_("audit opinions"))
            st.caption(_(ov.NOT_FOUND_NOTE))
        if view.loaded_opinions_table is not None:
            st.subheader(_("As the Auditor-General's reports give them"))
            downloads.table(view.loaded_opinions_table, "opinions_loaded", sheet=_("audit opinions"))
        else:
            panels.front_door(("fact_audit_opinion",), _(ov.OPINIONS_SHOW), filters, "audit_opinions")

if follow_tab.open:
    with follow_tab.container:
        st.header(_("Follow-up of recommendations"))
        picked = st.query_params.get("oversight")
        previous = st.session_state.get("report_pick")
        if picked and not (previous and previous["selection"]["rows"]):
            report(picked)
        if not view.has_actions:
            panels.front_door(("fact_oversight_action",), _(ov.ACTIONS_SHOW), filters, "oversight_actions")
        else:
            ui.cards(view.follow_up_cards)
            st.caption(md(view.follow_up_cards[0].source))
            st.caption(_("Pick a report to open its recommendations; its address (with &oversight=…) reopens it."))
            event = downloads.picker(view.reports_table, "report_pick", ov.PICK_ORDER, ov.PICK_WIDE)
            if event.selection.rows:
                chosen = view.reports_table.data["report_id"].iloc[event.selection.rows[0]]
                st.query_params["oversight"] = chosen
                report(chosen)

if women_tab.open:
    with women_tab.container:
        st.header(_("Women in the county assembly"))
        panels.as_reported(ov.WOMEN_MCAS, code, name)
        st.info(_(ov.WOMEN_NOTE))
