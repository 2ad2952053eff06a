"""Reports: the county briefing pack (PDF, PowerPoint), the quarterly progress report and the donor results
workbook for the chosen view, made when a button is pressed, from the same figures as the pages."""

import streamlit as st

from jdp_analytics.app import reporting, ui
from jdp_analytics.common import formatting, i18n
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.documents import make, sections

ui.page_guard()
filters = ui.current_filters()
st.title(_("Reports · {county}").format(county=filters.county_name))
st.caption(_("Each document states the view it was made from, with the links that reopen it here, its sources and "
             "as-of dates and when it was made; every page that shows demonstration data is marked."))
outcome, agency, period = reporting.filters_row()
languages = {code: name for code, name in i18n.LANGUAGES.items()}
if st.session_state.get("report_lang") not in languages:
    st.session_state["report_lang"] = i18n.language()
lang = st.radio(_("Language of the documents"), list(languages), key="report_lang", format_func=languages.get,
                horizontal=True, help=_("The page's language is the default; a brief can be made in the other."))
include_demo = ui.include_demo()  # the sidebar's Demonstration data switch: documents follow what the pages show
view = sections.ReportView(filters.county_code, filters.fiscal_year, period, outcome, agency, include_demo=include_demo,
                           app_url=reporting.app_url(), lang=lang)
results_demo = not period and sections.results_are_demo(ui.warehouse_path())
with i18n.use(lang):
    described = view.describe()
st.markdown(_("**{view}**").format(view=md(described)))


def offer(kind: str, note: str, disabled: bool = False) -> None:
    spec = make.KINDS[kind]
    with st.container(border=True, key=f"report_{kind}"):
        st.markdown(_("**{document}.** {note}").format(document=_(spec.label), note=note))
        st.download_button(_("Download {file}").format(file=make.file_name(kind, view)),
                           lambda: reporting.document(kind, view),
                           file_name=make.file_name(kind, view), mime=spec.mime, key=f"download_{kind}",
                           on_click="ignore", icon=":material/download:", disabled=disabled)


brief_note = _("Headline figures, the map, budget execution, the results framework and programme finance, with key "
               "points written from the data by rules. The charts are drawn on the server: the first document takes "
               "several seconds, the next ones about two.")
if filters.county_code is None:
    st.info(_("The county briefing pack is made for one county: choose it in the sidebar."))
offer("brief-pdf", brief_note, disabled=filters.county_code is None)
offer("brief-pptx", _("The same pack as slides: one per section, a red mark on slides with demonstration data."),
      disabled=filters.county_code is None)
if results_demo:
    st.info(_("The results framework in the warehouse is generated demonstration data, so there is no quarterly "
              "report or workbook of real figures: the programme office loads its own on Upload data (results "
              "framework kinds), or turn on Demonstration data in the sidebar to make them, marked."))
elif not period:
    st.info(_("The warehouse holds no results framework values yet, so there is no quarterly report or workbook: "
              "load them on the Upload data page (results framework kinds)."))
offer("quarterly", _("Status of every indicator in {period}, changes since the previous quarter, burn rate, "
                     "forecast and cost per output; landscape A4.").format(period=formatting.quarter(period)),
      disabled=not period)
offer("workbook", _("One sheet per outcome in the results-framework layout (baseline, targets 2025–2028, each "
                    "quarter's value, status, means of verification, evidence) and a finance sheet with totals."),
      disabled=not period)
