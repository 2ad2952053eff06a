"""The donor results workbook (XLSX, openpyxl)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pandas as pd

from jdp_analytics.budget import composition
from jdp_analytics.common import demonstration, exports, formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.vocabulary import term
from jdp_analytics.documents import sections
from jdp_analytics.documents.sections import ReportData, ReportView
from jdp_analytics.documents.style import DEMO_MARK
from jdp_analytics.results import metrics as results_metrics
from jdp_analytics.results import views as results_views

# The donor results workbook (openpyxl).

WORKBOOK_COLUMNS = (N_("Outcome"), N_("Result"), N_("Result statement"), N_("Indicator code"), N_("Indicator"),
                    N_("Level"), N_("For"), N_("Agency"), N_("Unit"), N_("Baseline"), N_("Baseline date"))


def workbook(data: ReportData, view: ReportView) -> bytes:
    """Return the donor results workbook: an About sheet, one sheet per outcome in the results-framework layout
    (baseline, annual targets, the value of every quarter to the view's, status, means of verification, evidence)
    and a Finance sheet; exact values, never rounded text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    actuals = data.query("result_actuals")
    actuals = actuals[actuals["period"] <= view.period]
    quarters = sorted(actuals["period"].unique())
    counted = sections._framework_status(data, view)  # the same rows and counts as the Progress page
    framework = status = counted.now
    finance = results_views.select(data.query("programme_finance"), view.county_code, view.outcome, view.agency,
                                   with_programme=view.county_code is None)
    finance = finance[finance["period"] <= f"{view.period[:4]}Q4"]
    demo = bool(framework["is_demo"].any() or finance["is_demo"].any())
    generated = formatting.timestamp(datetime.now(UTC))
    book = Workbook()
    bold, red = Font(bold=True), PatternFill("solid", fgColor="C00000")

    def head(sheet, title: str, sheet_demo: bool) -> int:
        sheet["A1"] = title
        sheet["A1"].font = Font(bold=True, size=14)
        reopen = _("Reopen: {link}").format(link=view.deep_link("progress")) if view.app_url else ""
        sheet["A2"] = _("{view} Generated {time}. {reopen}").format(view=view.describe(), time=generated,
                                                                    reopen=reopen).strip()
        row = 3
        if sheet_demo:
            sheet.cell(row, 1, _(DEMO_MARK)).font = Font(bold=True, color="FFFFFF")
            sheet.cell(row, 1).fill = red
            sheet.oddHeader.center.text = _(DEMO_MARK)  # printed on every page of the sheet
            row += 1
        return row + 1

    about = book.active
    about.title = _("About")
    row = head(about, _("Donor results workbook · Joint Devolution Programme"), demo)
    for line in [_("One sheet per outcome: each indicator row with baseline (inception assessment, late 2024), annual "
                   "targets 2025–2028, the value reported for each quarter, the status in {period}, means of "
                   "verification and evidence.").format(period=formatting.quarter(view.period)),
                 results_metrics.status_rule(),
                 results_views.status_summary_line(counted, view.programme_name), _(results_views.COUNTING_RULE),
                 _("Sources and as-of dates:"), *sections._sources(framework, finance),
                 _("Warehouse built {built}.").format(built=data.built_at())]:
        exports.text_cell(about, row, 1, line).alignment = Alignment(wrap_text=True)
        row += 1
    about.column_dimensions["A"].width = 140
    for code, title in results_views.OUTCOMES.items():
        rows = status[status["outcome_code"] == code]
        if rows.empty:
            continue
        sheet = book.create_sheet(code)
        top = head(sheet, f"{code} · {_(title)}: {term(rows['outcome_title'].iloc[0])}", bool(rows["is_demo"].any()))
        columns = [*(_(c) for c in WORKBOOK_COLUMNS),
                   *(_("Target {year}").format(year=y) for y in results_metrics.TARGET_YEARS), *quarters,
                   _("Status {period}").format(period=formatting.quarter(view.period)), _("Means of verification"),
                   _("Evidence {period}").format(period=formatting.quarter(view.period))]
        for c, name in enumerate(columns, start=1):
            sheet.cell(top, c, name).font = bold
        values = actuals.pivot_table(index=["indicator_code", "scope"], columns="period", values="value",
                                     aggfunc="first")
        for r, item in enumerate(rows.itertuples(), start=top + 1):
            cells = [code, item.result_code, term(item.result_title), item.indicator_code, term(item.indicator_name),
                     item.indicator_level, results_views.scope_label(item.scope), item.agency, term(item.unit),
                     item.baseline_value, item.baseline_date.date() if pd.notna(item.baseline_date) else None,
                     *(getattr(item, f"target_{y}") for y in results_metrics.TARGET_YEARS)]
            cells += [values.at[(item.indicator_code, item.scope), q]
                      if (item.indicator_code, item.scope) in values.index and q in values.columns else None
                      for q in quarters]
            cells += [results_views.status_label(item.status, print_marks=True, demo=bool(item.is_demo)),
                      term(item.means_of_verification),
                      item.evidence if isinstance(item.evidence, str) else None]
            for c, value in enumerate(cells, start=1):
                exports.text_cell(sheet, r, c, None if value is None or (isinstance(value, float) and pd.isna(value))
                                  else value)
        sheet.freeze_panes = sheet.cell(top + 1, 6)
        for letter, width in (("C", 40), ("E", 50)):
            sheet.column_dimensions[letter].width = width
    sheet = book.create_sheet(_("Finance"))
    top = head(sheet, _("Programme budget and spending per quarter, {name}").format(name=view.programme_name),
               bool(finance["is_demo"].any()))
    columns = [_("Outcome"), _("Agency"), _("For"), _("Quarter"), _("Budget (KES)"), _("Spent (KES)")]
    for c, name in enumerate(columns, start=1):
        sheet.cell(top, c, name).font = bold
    for r, item in enumerate(finance.itertuples(), start=top + 1):
        for c, value in enumerate([item.outcome_code, item.agency, results_views.scope_label(item.scope), item.period,
                                   item.budget_kes, None if pd.isna(item.spent_kes) else item.spent_kes], start=1):
            exports.text_cell(sheet, r, c, value)
    last = top + len(finance)
    sheet.cell(last + 1, 4, _("Total")).font = bold
    sheet.cell(last + 1, 5, float(finance["budget_kes"].sum())).font = bold
    sheet.cell(last + 1, 6, float(finance["spent_kes"].sum())).font = bold
    _proposals_sheet(book, data, view, head, bold)
    _osr_sheet(book, data, view, head, bold)
    _oversight_sheet(book, data, view, head, bold)
    _assessment_sheet(book, data, view, head, bold)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PROPOSAL_COLUMNS = ((N_("Proposal ID"), "proposal_id"), (N_("County"), "county_name"), (N_("Ward"), "ward_name"),
                    (N_("Forum"), "event_id"), (N_("Fiscal year"), "fiscal_year"), (N_("Stage"), "budget_stage"),
                    (N_("Made"), "proposed_date"), (N_("Sector"), "sector"), (N_("Proposal"), "proposal_text"),
                    (N_("Raised by"), "raised_by_group"), (N_("Decision"), "decision"),
                    (N_("Reason"), "decision_reason"), (N_("Programme"), "programme"), (N_("Project"), "project"),
                    (N_("KES allocated"), "allocated_kes"), (N_("KES spent"), "spent_kes"),
                    (N_("Feedback date"), "feedback_date"))


def _proposals_sheet(book, data: ReportData, view: ReportView, head, bold) -> None:
    """The 'Proposals' sheet: every proposal of the county and year with its decision, amounts and feedback date;
    real (loaded) proposals only unless the view asks for demonstration data (the data reads them so); no sheet when
    there are none (a document never carries a part that only says data is missing)."""
    rows = data.query("proposals", county_code=view.county_code or "", fiscal_year=view.fiscal_year)
    if rows.empty:
        return
    sheet = book.create_sheet(_("Proposals"))
    place = view.county_name if view.county_code else demonstration.coverage(rows["county_code"])
    top = head(sheet, _("From proposals to budget, {place}, {year}").format(place=place,
                                                                             year=formatting.fy(view.fiscal_year)),
               bool(rows["is_demo"].fillna(False).astype(bool).any()))
    sheet.cell(top, 1, _("Source: {citation}").format(citation="; ".join(sections._sources(rows))))
    top += 1
    for c, (title, _column) in enumerate(PROPOSAL_COLUMNS, start=1):
        sheet.cell(top, c, _(title)).font = bold
    for r, item in enumerate(rows.itertuples(), start=top + 1):
        for c, (_title, column) in enumerate(PROPOSAL_COLUMNS, start=1):
            value = getattr(item, column)
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            sheet.cell(r, c, value.date() if isinstance(value, pd.Timestamp) else exports.neutralise(term(value)))
    sheet.freeze_panes = sheet.cell(top + 1, 2)
    sheet.column_dimensions["I"].width = 45


OSR_COLUMNS = ((N_("County"), "county_name"), (N_("Fiscal year"), "fiscal_year"), (N_("OSR target"), "osr_target_kes"),
               (N_("OSR collected"), "osr_actual_kes"), (N_("OSR, % of target"), "osr_performance_pct"),
               (N_("Printed %"), "performance_pct_published"), (N_("OSR growth"), "osr_growth_pct"),
               (N_("Share of all counties' OSR"), "osr_share_pct"), (N_("FIF / A-I-A collected"), "fif_aia_actual_kes"),
               (N_("Checked"), "verification"), (N_("Note"), "note"))


def _osr_sheet(book, data: ReportData, view: ReportView, head, bold) -> None:
    """The 'Own-source revenue' sheet: the county's every year (or every county in the view's year), exact values
    from the one own_source_revenue query, each row's check and note; no sheet when there is none."""
    osr = data.query("own_source_revenue")
    rows = osr[osr["county_code"] == view.county_code] if view.county_code else \
        osr[osr["fiscal_year"] == view.fiscal_year]
    if rows.empty:
        return
    sheet = book.create_sheet(_("Own-source revenue"))
    place = view.county_name if view.county_code else formatting.fy(view.fiscal_year)
    top = head(sheet, _("Own-source revenue, {place}").format(place=place),
               bool(rows["is_demo"].fillna(False).astype(bool).any()))
    sheet.cell(top, 1, _("Source: {citation}").format(citation="; ".join(sections._sources(rows))))
    sheet.cell(top + 1, 1, _(composition.OSR_FIF_NOTE))
    top += 2
    for c, (title, _column) in enumerate(OSR_COLUMNS, start=1):
        sheet.cell(top, c, _(title)).font = bold
    for r, item in enumerate(rows.itertuples(), start=top + 1):
        for c, (_title, column) in enumerate(OSR_COLUMNS, start=1):
            value = getattr(item, column)
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            sheet.cell(r, c, exports.neutralise(value) if isinstance(value, str) else float(value))
    sheet.freeze_panes = sheet.cell(top + 1, 3)


CALENDAR_COLUMNS = ((N_("County"), "county_name"), (N_("Fiscal year"), "fiscal_year"), (N_("Milestone"), "milestone"),
                    (N_("Legal deadline"), "deadline"), (N_("Happened"), "happened_date"),
                    (N_("Days after the deadline"), "days"), (N_("Status"), "status"), (N_("The law"), "law"))
AMENDMENT_COLUMNS = ((N_("County"), "county_name"), (N_("Budget"), "estimates"), (N_("Vote"), "vote"),
                     (N_("Programme"), "programme"), (N_("Proposed (KES)"), "proposed_kes"),
                     (N_("Approved (KES)"), "approved_kes"), (N_("Change (KES)"), "change_kes"))
ACTION_COLUMNS = ((N_("Report ID"), "report_id"), (N_("No."), "recommendation_no"), (N_("County"), "county_name"),
                  (N_("By"), "reported_by"), (N_("Report"), "report_title"), (N_("Tabled"), "tabled_date"),
                  (N_("Recommendation"), "recommendation"), (N_("Who must act"), "responsible"),
                  (N_("Due"), "due_date"), (N_("Status"), "status"), (N_("Done on"), "done_date"))


def _oversight_sheet(book, data: ReportData, view: ReportView, head, bold) -> None:
    """The 'Oversight' sheet: the budget calendar of the view's year against the law (days after each deadline),
    the assembly's amendments per vote and the recommendations of oversight reports with their follow-up, exact
    values, each block under its source; real (loaded) rows only unless the view asks for the demonstration; no
    sheet when there is none. The link at its top reopens the Oversight page."""
    from jdp_analytics.oversight import calendar
    from jdp_analytics.oversight.views import PAGE

    milestones = data.query("budget_milestones", county_code=view.county_code or "")
    milestones = calendar.calendar(milestones[milestones["fiscal_year"] == view.fiscal_year])
    amendments = data.query("budget_amendments", county_code=view.county_code or "", fiscal_year=view.fiscal_year)
    actions = data.query("oversight_actions", county_code=view.county_code or "", report_id="")
    blocks = [(title, rows, columns) for title, rows, columns in (
        (_("Budget calendar, {year}").format(year=formatting.fy(view.fiscal_year)), milestones, CALENDAR_COLUMNS),
        (_("The assembly's amendments, {year}").format(year=formatting.fy(view.fiscal_year)), amendments,
         AMENDMENT_COLUMNS),
        (_("Recommendations of oversight reports"), actions, ACTION_COLUMNS)) if not rows.empty]
    if not blocks:
        return
    sheet = book.create_sheet(_("Oversight"))
    demo = any(bool(rows["is_demo"].fillna(False).astype(bool).any()) for _title, rows, _columns in blocks)
    top = head(sheet, _("Oversight, {place}").format(place=view.county_name), demo)
    if view.app_url:
        sheet.cell(top, 1, _("Reopen on the Oversight page: {link}").format(link=view.deep_link(PAGE)))
        top += 1
    for title, rows, columns in blocks:
        top = _block(sheet, top, title, rows, rows, columns, bold, _oversight_words)
    sheet.column_dimensions["G"].width = 45


AREA_SCORE_COLUMNS = ((N_("County"), "county_name"), (N_("Round"), "round"), (N_("Assessed"), "assessed_date"),
                      (N_("Framework"), "framework"), (N_("Version"), "version"), (N_("Area"), "area"),
                      (N_("Area score (%)"), "score_pct"), (N_("Indicators"), "indicators"))
SCORE_COLUMNS = ((N_("County"), "county_name"), (N_("Round"), "round"), (N_("Assessed"), "assessed_date"),
                 (N_("Version"), "version"), (N_("Code"), "indicator_code"), (N_("Area"), "area"),
                 (N_("Indicator"), "indicator"), (N_("Minimum condition"), "minimum_condition"),
                 (N_("Score"), "score"), (N_("Points"), "points"), (N_("Maximum"), "out_of"), (N_("Weight"), "weight"),
                 (N_("Evidence seen"), "evidence_seen"), (N_("Assessor"), "assessor"))


def _assessment_sheet(book, data: ReportData, view: ReportView, head, bold) -> None:
    """The 'Assessment' sheet: the area scores of every round (the formula above them) and every score with its
    points, weight, the evidence seen and the assessor, exact values, for the county (or every county with a round);
    real (loaded) scores only unless the view asks for the demonstration; no sheet when there is none. The link at its
    top reopens the Assessment page."""
    from jdp_analytics.assessment import metrics
    from jdp_analytics.assessment.views import PAGE

    rows = data.query("assessment_scores", county_code=view.county_code or "")
    if rows.empty:
        return
    scored = metrics.scored(rows)
    sheet = book.create_sheet(_("Assessment"))
    top = head(sheet, _("Governance and service-delivery assessment, {place}").format(place=view.county_name),
               bool(scored["is_demo"].any()))
    if view.app_url:
        sheet.cell(top, 1, _("Reopen on the Assessment page: {link}").format(link=view.deep_link(PAGE)))
        top += 1
    sheet.cell(top, 1, _(metrics.AREA_FORMULA))
    top += 1
    for title, frame, columns in ((_("Area scores"), metrics.area_scores(rows), AREA_SCORE_COLUMNS),
                                  (_("Scores per indicator"), scored, SCORE_COLUMNS)):
        top = _block(sheet, top, title, frame, rows, columns, bold, _assessment_words)
    sheet.column_dimensions["G"].width = 40
    sheet.column_dimensions["M"].width = 45


def _oversight_words(column: str, value):
    """The law's and the file's words, in the document's language."""
    if column in ("milestone", "status", "reported_by", "estimates", "law"):
        return _(value)
    return term(value) if column == "vote" else value  # the project's own vote names; a county's as it loaded them


def _assessment_words(column: str, value):
    """The default framework's words and the rounds in the document's language; exact numbers as numbers."""
    from jdp_analytics.assessment import metrics

    if column in ("area", "indicator"):
        return _(value)
    if column == "round":
        return metrics.round_label(value)
    if column == "minimum_condition":
        return _("yes") if value else _("no")
    if column in ("framework", "evidence_seen", "assessor"):
        return term(value)  # the default framework's name and the generated rounds' words; loaded ones as loaded
    return float(value) if column in ("score_pct", "points", "out_of", "weight") else value


def _block(sheet, top: int, title: str, frame: pd.DataFrame, cited: pd.DataFrame, columns, bold, words) -> int:
    """Write a titled block of exact values under the source of the rows `cited`: its header, then one row per row of
    `frame`, each value as `words(column, value)` gives it (dates as dates, text neutralised); return the next free
    row."""
    sheet.cell(top, 1, title).font = bold
    sheet.cell(top + 1, 1, _("Source: {citation}").format(citation="; ".join(sections._sources(cited))))
    top += 2
    for c, (label, _column) in enumerate(columns, start=1):
        sheet.cell(top, c, _(label)).font = bold
    for r, item in enumerate(frame.itertuples(), start=top + 1):
        for c, (_label, column) in enumerate(columns, start=1):
            value = getattr(item, column)
            if value is None or (not isinstance(value, str | bool) and pd.isna(value)):
                continue
            value = words(column, value)
            sheet.cell(r, c, value.date() if isinstance(value, pd.Timestamp) else
                       exports.neutralise(value) if isinstance(value, str) else value)
    return top + len(frame) + 2
