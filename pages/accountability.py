"""Social accountability: complaints at service-delivery facilities and the publication of budget documents
against their legal deadlines, beside the County Budget Transparency Survey scores."""

import streamlit as st

from jdp_analytics.app import downloads, panels, ui
from jdp_analytics.common import demonstration, formatting, presentation
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.geography import maps, versions
from jdp_analytics.oversight import views as oversight
from jdp_analytics.participation import charts as participation_charts
from jdp_analytics.participation import metrics as p
from jdp_analytics.participation import views as pv

ui.page_guard()

filters = ui.current_filters()
code, year, name = filters.county_code, filters.fiscal_year, filters.county_name
sources = ui.query("participation_sources")

fy = formatting.fy(year)
st.title(_("Social accountability · {name}").format(name=name))
feedback = ui.query("facility_feedback", county_code=code or "", fiscal_year=year)
all_documents = ui.query("budget_documents", county_code=code or "")
documents = all_documents[all_documents["fiscal_year"] == year]  # the sidebar's year, as every section here
held = sorted(all_documents["fiscal_year"].unique())
in_other_years = (_("Records exist for {held}: choose one in the sidebar.").format(
    held=", ".join(formatting.fy(h) for h in held)) if held else "")
FEEDBACK_SHOWS = _("The complaints section would show the complaints and suggestions received at service-delivery "
                   "facilities, how many were resolved and how fast, by facility type and on the ward map.")
DOCUMENTS_SHOWS = _("The budget documents section would show whether each key budget document was published on time, "
                    "late or not at all against its legal deadline (PFM Act 2012).")
if feedback.empty and documents.empty:  # one block for the page, not a column of empty sections
    panels.front_door(("fact_facility_feedback", "fact_budget_document"),
                      f"{FEEDBACK_SHOWS} {DOCUMENTS_SHOWS} {in_other_years}".strip(), filters, "accountability")
else:
    st.header(_("Complaints at service-delivery facilities"))
    if feedback.empty:
        panels.front_door(("fact_facility_feedback",), FEEDBACK_SHOWS, filters, "facility_feedback")
    else:
        facility_sources = pv.sources_of(sources, "fact_facility_feedback", feedback["source_id"])
        if pv.is_demo(facility_sources):
            st.warning(_("{demo}: these facility records are generated for demonstration.").format(
                demo=_(ui.DEMO_LABEL)), icon=":material/science:")
        covered = name if code else demonstration.coverage(feedback["county_code"])  # counted from the rows
        downloads.chart(participation_charts.facility_resolution(p.facility_summary(feedback, ["facility_type"]),
                                                                 covered, year, pv.citation(facility_sources)),
                        presentation.file_stem(name, _("facility-complaints"), year), "facilities")
        by = ["facility_type"] if code else ["county_code", "facility_type"]
        downloads.table(pv.facility_table(feedback, name, year, facility_sources, by), "facility_table")

    if code and not (facilities := ui.query("facility_map", county_code=code, fiscal_year=year)).empty:
        st.subheader(_("Where the facilities are"))
        wards = ui.query("ward_boundaries", county_code=code, as_of=versions.in_force_on(year))
        areas, outline = pv.facility_map_areas(wards, ui.query("county_boundaries"), code,
                                               versions.boundary_caption(wards))
        st.pydeck_chart(maps.facility_deck(areas, facilities), height=480, key="facility_map")
        st.markdown(maps.resolution_legend_html(), unsafe_allow_html=True)
        st.caption(_("{count} facilities from the facility register, coloured by the share of complaints resolved in "
                     "{year}. {outline} {source}").format(
            count=len(facilities), year=fy, outline=md(outline),
            source=md(pv.citation(pv.sources_of(sources, "dim_facility", facilities["source_id"])))))

    st.header(_("Budget documents published on time"))
    document_sources = pv.sources_of(sources, "fact_budget_document", documents["source_id"])
    if documents.empty:
        panels.front_door(("fact_budget_document",), f"{DOCUMENTS_SHOWS} {in_other_years}".strip(), filters,
                          "budget_documents")
    else:
        if pv.is_demo(document_sources):
            st.warning(_("{demo}: these publication dates are generated for demonstration; the survey scores below "
                         "are real.").format(demo=_(ui.DEMO_LABEL)), icon=":material/science:")
        as_of = pv.records_as_of(document_sources)
        statuses = pv.document_statuses(documents, as_of)
        st.caption(_("Judged against each document's legal deadline on {date}, the date the records describe. "
                     "{source}").format(date=formatting.as_of(as_of), source=pv.citation(document_sources)))
        if code:
            downloads.table(pv.documents_table(statuses, name, document_sources), "documents_table",
                            sheet=_("budget documents"))
        else:
            downloads.table(pv.document_counts_table(statuses, document_sources), "documents_table",
                            sheet=_("budget documents"))

    target_documents = ui.query("budget_documents", county_code="")
    targets = pv.targets_accountability(ui.query("facility_feedback", county_code="", fiscal_year=year),
                                        target_documents[target_documents["fiscal_year"] == year], sources, year)
    if targets is not None:  # without records for the targets the comparison is left out, not shown empty
        st.header(_("The eight target counties"))
        downloads.table(targets, "targets_table", sheet=_("target counties"))

st.header(_("County Budget Transparency Survey"))
scores = ui.query("budget_transparency_scores", county_code=code or "")
st.caption(_("Scores of the International Budget Partnership Kenya's survey (from 2024 Bajeti Hub), as publicly "
             "reported, each with the address it was read from. Round N assesses the documents of FY N-1/N. No round "
             "covers all 47 counties in the public reports; the gaps are left empty."))
if scores.empty:
    st.info(_("No publicly reported survey score for {name}.").format(name=name))
else:
    downloads.table(pv.cbts_table(scores, name), "cbts_table", sheet="CBTS")
if sentence := pv.missing_cbts_sentence(scores, code, name):
    st.info(md(sentence))

st.header(_("Oversight as reported"))
for topic in (oversight.AUDIT_OPINION, oversight.BUDGET_APPROVAL):
    panels.as_reported(topic, code, name)
