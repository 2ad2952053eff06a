"""Public participation: where forums were held, who took part against the census, what became of citizens'
proposals, the eight target counties compared and a county's trend by quarter."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.geography import maps, versions
from jdp_analytics.participation import metrics as p
from jdp_analytics.participation import views as pv

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
view = ui.view(pv.participation_view, county_code=code, fiscal_year=year)



st.title(_("Public participation · {name}").format(name=name))  # the sidebar's selection, as on every page
start, end = p.fiscal_year_bounds(year)
st.caption(_("{year}. Forums recorded by counties, set against the 2019 census.").format(
    year=formatting.fiscal_year_label(year)))
if view.is_demo:
    st.warning(_("{demo}: the forums, facility complaints and document dates on this page are generated for "
                 "demonstration until counties load their own records (Upload data). The census and the County Budget "
                 "Transparency Survey scores are real.").format(demo=_(ui.DEMO_LABEL)), icon=":material/science:")
if not view.has_events:
    panels.front_door(("fact_participation_event",),
                      _("This page would show where forums were held in the county's wards, who took part (women, "
                        "youth, persons with disabilities) against the 2019 census, the budget-cycle stages each ward "
                        "reached, what became of citizens' proposals and the eight target counties compared."),
                      filters, "participation")
else:
    ui.cards(view.cards)
    st.caption(md(view.source))

# One section at a time (lazy tabs): a county or year change redraws the open one only.
parts = {}
if view.has_events:
    parts |= {"where": _("Where forums were held")} if code else {}
    parts |= {"who": _("Who takes part"), "cycle": _("The budget cycle"), "targets": _("The eight target counties")}
if view.quarterly_chart is not None:
    parts["trend"] = _("Trend by quarter")
sections = dict(zip(parts, ui.sections("participation_section", list(parts.values())))) if parts else {}
opened = {part for part, section in sections.items() if section.open}

if "where" in opened:
    with sections["where"].container:
        st.header(_("Where forums were held"))
        boundaries = ui.query("ward_boundaries", county_code=code, as_of=versions.in_force_on(year))
        if boundaries.empty:
            downloads.item(view.ward_chart, "ward_forums")
        else:
            deck, edges = maps.ward_forum_deck(boundaries, view.ward_summary)
            st.pydeck_chart(deck, height=520, key="ward_forum_map")
            st.markdown(maps.forum_legend_html(edges), unsafe_allow_html=True)
            st.caption(md(f"{versions.boundary_caption(boundaries)} {view.source}"))
        st.caption(_(pv.WARD_POPULATION_NOTE))
        downloads.table(view.ward_table, "ward_table", sheet=_("forums by ward"))

if "who" in opened:
    with sections["who"].container:
        st.header(_("Who takes part"))
        downloads.item(view.representation_chart, "representation")
        downloads.table(view.representation_table, "representation_table")

if "cycle" in opened:
    with sections["cycle"].container:
        st.header(_("The budget cycle"))
        left, right = st.columns(2)
        with left:
            downloads.item(view.funnel_chart, "funnel")
        with right.container(border=True):
            st.markdown(view.cycle_text)
        downloads.item(view.coverage_chart, "coverage")

if "targets" in opened:
    with sections["targets"].container:
        st.header(_("The eight target counties"))
        downloads.item(view.targets_chart, "targets")
        downloads.table(view.comparison_table, "comparison_table")

if "trend" in opened:
    with sections["trend"].container:
        st.header(_("Trend by quarter"))
        downloads.item(view.quarterly_chart, "quarterly")
        if note := versions.change_note(ui.query("ward_boundary_sets", county_code=code), pv.HISTORY_START, end,
                                        _("Forums counted by ward")):
            st.info(md(note), icon=":material/map:")
