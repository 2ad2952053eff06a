"""Assessment: the governance and service-delivery assessment, the programme's baseline per county. Area scores and
minimum conditions met, the counties side by side, the change since the baseline, the weakest indicators with the
evidence behind their scores, where each indicator is tracked between rounds, and the framework itself."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.assessment import views as av
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.common.vocabulary import term

ui.page_guard()

filters = ui.current_filters()
code, name = filters.county_code, filters.county_name
view = ui.view(av.assessment_view, county_code=code, fiscal_year=filters.fiscal_year)

st.title(_("Assessment · {name}").format(name=name))
st.caption(_("The governance and service-delivery assessment: each county's scores by area, scored against {framework} "
             "{version}, the baseline every later round is measured against.").format(
    framework=md(term(view.framework)), version=md(view.version)))
if view.is_demo:
    st.warning(_("{demo}: the assessment rounds marked on this page are generated for demonstration until the "
                 "programme loads the assessors' scores (Upload data). They say nothing about any real county.").format(
        demo=_(ui.DEMO_LABEL)), icon=":material/science:")


def counties_side_by_side(suffix: str) -> None:
    """The counties' area scores (chart, table, formula); the suffix keeps the widget keys apart where two sections
    show them on one page."""
    downloads.item(view.side_chart, "counties" + suffix)
    downloads.table(view.side_table, "counties_table" + suffix, sheet=_("counties"))
    st.caption(view.formula)


scores_tab, side_tab, change_tab, weak_tab, tracked_tab, framework_tab = ui.sections(
    "assessment_section", [_("Area scores"), _("Counties side by side"), _("Change since the baseline"),
                           _("Weakest indicators"), _("Where each is tracked"), _("The framework")])

if scores_tab.open:
    with scores_tab.container:
        st.header(_("Area scores and minimum conditions"))
        if not view.has_scores:
            panels.front_door(("fact_assessment_score",), _(av.SCORES_SHOW), filters, "assessment_scores")
        elif view.areas_table is None:
            st.info(_("Pick a county for its area scores and minimum conditions; every county with a round is in "
                      "the counties side by side."))
            if view.side_table is not None:  # All 47 opens on the counties' scores, not on an empty section
                counties_side_by_side("_first")
        else:
            ui.cards(view.cards)
            st.markdown(md(view.conditions_sentence))
            downloads.item(view.areas_chart, "areas")
            downloads.table(view.areas_table, "areas_table", sheet=_("area scores"))
            st.caption(view.formula)
            st.subheader(_("Minimum conditions"))
            downloads.table(view.conditions_table, "conditions_table", sheet=_("minimum conditions"))
            st.caption(md(view.source))

if side_tab.open:
    with side_tab.container:
        st.header(_("The counties side by side"))
        if view.side_table is None:
            st.info(_(av.NO_ROUND))
        else:
            st.markdown(_("{count} of 47 counties have an assessment round; {missing} have none.").format(
                count=view.counties_with_round, missing=view.missing_counties))
            counties_side_by_side("")

if change_tab.open:
    with change_tab.container:
        st.header(_("Change since the baseline"))
        if view.changes_chart is not None:
            st.markdown(md(view.changes_sentence))
            downloads.item(view.changes_chart, "changes")
            st.subheader(_("Per indicator"))
            downloads.table(view.indicator_changes_table, "indicator_changes", sheet=_("indicator changes"))
            st.caption(md(view.source))
        elif view.counties_changes_table is not None:
            st.caption(_("Each county's change in each area score since its baseline, in percentage points; pick a "
                         "county for its indicators."))
            downloads.table(view.counties_changes_table, "counties_changes", sheet=_("changes"))
        elif not view.has_scores:
            st.info(_(av.NO_ROUND))
        elif code:
            st.info(_("{name} has no round after its baseline yet: the change shows once a follow-up is "
                      "loaded.").format(name=name))
        else:
            st.info(_("Pick a county to see its change since the baseline."))

if weak_tab.open:
    with weak_tab.container:
        st.header(_("Weakest indicators"))
        if view.weakest_table is None:
            st.info(_(av.NO_ROUND))
        else:
            st.caption(_("The latest round's lowest scores (minimum conditions not met first), with the evidence the "
                         "assessors saw."))
            downloads.table(view.weakest_table, "weakest", sheet=_("weakest"))

if tracked_tab.open:
    with tracked_tab.container:
        st.header(_("Where each indicator is tracked between rounds"))
        links = [f"- **{md(t.code)}** {md(t.indicator)}: [{md(t.where)}]({t.link})" for t in view.tracked]
        st.markdown("\n".join(links) or _("No indicator of this framework names a page that tracks it."))

if framework_tab.open:
    with framework_tab.container:
        st.header(_("The framework: {framework} {version}").format(framework=md(term(view.framework)),
                                                                   version=md(view.version)))
        if view.framework_table is not None:
            downloads.table(view.framework_table, "framework", sheet=_("framework"))
            st.caption(md(view.framework_source))
