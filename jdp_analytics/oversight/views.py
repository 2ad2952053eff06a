"""View models of oversight. What the press reported (sql/reported_statements.sql): one "as reported" table per topic,
the quoted sentence, the outlet and its date beside each statement, and the words a county or year the press did not
name reads instead; no share, rank or total is ever computed from these rows. The Oversight page's model (the budget
calendar against the law, the assembly's amendments, the audit opinions year by year, the follow-up of
recommendations), which the brief's section and the workbook's sheet read too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

import pandas as pd

from jdp_analytics.common import demonstration, formatting, presentation
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import Card, ExportTable, file_stem, source_line
from jdp_analytics.common.vocabulary import term, terms
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.oversight import calendar, charts, metrics
from jdp_analytics.oversight.tables import TOPICS
from jdp_analytics.participation.views import Chart

AUDIT_OPINION, PENDING_BILLS, BUDGET_APPROVAL, WOMEN_MCAS = TOPICS  # what pages ask for by name

# in the names of the files a table downloads as
STEMS = {"audit_opinion": N_("audit-opinions"), "pending_bills": N_("pending-bills"),
         "budget_approval": N_("budget-approval"), "women_mcas": N_("women-mcas")}
TITLES = {"audit_opinion": N_("Audit opinions on the county government, as reported"),
          "pending_bills": N_("Pending bills, as reported"),
          "budget_approval": N_("Budgets not approved after 1 July, as reported"),
          "women_mcas": N_("Women members of the county assembly, as reported")}
NOTES = {"audit_opinion": N_("The Auditor-General's opinions as news reports quoted them (partial, second-hand): a "
                             "year without a row was not found in public reporting, which says nothing of the "
                             "accounts. No share of counties is computed from them."),
         "pending_bills": N_("Stocks of pending bills as news reports quoted the Controller of Budget, with the "
                             "article's rounding: context only, never a county series."),
         "budget_approval": N_("The Controller of Budget's statements as the press reported them, some weeks into "
                               "the fiscal year (PFM Act 2012 s.131: the assembly approves the budget by 30 June); "
                               "not the dates the assemblies passed their Appropriation Acts."),
         "women_mcas": N_("Counts of women elected and nominated as news reports gave them from the IEBC's results "
                          "and the gazetted lists (partial; where two outlets disagree both rows are kept). A share "
                          "of seats is not computed from them.")}
WORDS = {  # what was reported, in a reader's words (the file's own code stays in the export)
    "unqualified": N_("unqualified (clean)"), "qualified": N_("qualified"), "adverse": N_("adverse"),
    "disclaimer": N_("disclaimer of opinion"),
    "approved_by_assembly_but_stalled_at_cob": N_("approved by the assembly, held at the Controller of Budget"),
    "approved_by_cob": N_("approved by the Controller of Budget"), "cleared_by_cob": N_("cleared by the Controller "
                                                                                        "of Budget"),
    "budget_not_submitted_by_deadline": N_("not submitted by the deadline"),
    "budget_not_submitted_to_cob": N_("not submitted to the Controller of Budget"),
    "named_among_26_not_approved": N_("named among 26 budgets not approved"),
    "no_approved_budget": N_("no approved budget"),
    "referred_to_cob_legal_department": N_("referred to the Controller of Budget's legal department"),
    "submitted_under_cob_review": N_("submitted, under the Controller of Budget's review"),
    "county_executive": N_("county executive"), "county_assembly": N_("county assembly"),
    "elected_female_mcas": N_("women elected"), "nominated_female_gender_topup": N_("women nominated (gender top-up)"),
    "nominated_female_mcas_all_categories": N_("women nominated (all lists)"),
    "nominated_mcas_all_categories_total": N_("members nominated (all lists, women and men)"),
    "female_mcas_total_all_routes": N_("women members, elected and nominated"),
    "assembly_members_total": N_("members of the assembly, women and men"),
}


def title(topic: str) -> str:
    """A topic's heading, in the current language."""
    return _(TITLES[topic])


def note(topic: str) -> str:
    """What a topic's statements are and are not, in the current language."""
    return _(NOTES[topic])


def words(value) -> str:
    return _(WORDS[value]) if isinstance(value, str) and value in WORDS else (value or "–")


def reported_table(rows: pd.DataFrame, topic: str, county_code: str | None) -> ExportTable | None:
    """Return a topic's statements for a county (or every county), newest period first, as read: period, what was
    reported, the quoted sentence, the outlet, its date; None when the press named none."""
    picked = rows[(rows["topic"] == topic) & ((rows["county_code"] == county_code) if county_code else True)]
    if picked.empty:
        return None
    # newest first: by the period where it is a fiscal year, else by the article's date
    picked = picked.assign(order=picked["period"].where(picked["topic"] != "pending_bills",
                                                        picked["published_date"].astype("string"))).sort_values(
        ["order", "county_code"], ascending=[False, True], na_position="last").drop(columns="order")
    shown = pd.DataFrame({
        **({} if county_code else {_("County"): picked["county_code"].map(COUNTIES)}),
        _("Period"): picked["period"],
        _("Reported"): [f"{words(r)} ({words(s)})" if topic in ("audit_opinion", "women_mcas") else words(r)
                        for r, s in zip(picked["reported"], picked["subject"])],
        _("As quoted"): picked["quote"].fillna("–"),
        _("Outlet"): picked["outlet"],
        _("Published"): [formatting.as_of(d) if pd.notna(d) else "–" for d in picked["published_date"]]})
    if picked["quote"].isna().all():  # the pending-bill articles are quoted by their figure only
        shown = shown.drop(columns=_("As quoted"))
    citation = "; ".join(dict.fromkeys(f"{o}, {u}" for o, u in zip(picked["outlet"], picked["url"])))
    name = COUNTIES[county_code] if county_code else _("all-counties")
    return ExportTable(shown.reset_index(drop=True), picked.reset_index(drop=True),
                       file_stem(name, _("as-reported"), _(STEMS[topic])), citation, False)


def not_found(rows: pd.DataFrame, topic: str, county_name: str, fiscal_year: str | None = None) -> str:
    """Return what a county (or a county-year) without a statement reads: not found, never clean or zero."""
    if fiscal_year:
        return _("{topic}: not found in public reporting for {county}, {year}.").format(
            topic=_(TITLES[topic]), county=county_name, year=formatting.fy(fiscal_year))
    return _("{topic}: not found in public reporting for {county}.").format(topic=_(TITLES[topic]),
                                                                           county=county_name)


# ---- The Oversight page (and the brief's section and the workbook's sheet): the budget calendar against the law, the
# assembly's amendments, the audit opinions year by year and the follow-up of recommendations, as loaded. -------------

PAGE = "oversight"
OPINION_WORDS = {"unmodified": N_("unmodified (clean)"), "qualified": N_("qualified"), "adverse": N_("adverse"),
                 "disclaimer": N_("disclaimer of opinion")}  # the loaded opinions, in a reader's words
ACTION_WORDS = (N_("done"), N_("in progress"), N_("not started"))  # statuses, shown as _(status)
CALENDAR_SHOWS = N_("The budget calendar would show each milestone of the county's budget (the CFSP, the estimates, "
                    "their approval, the Appropriation Act, the Finance Bill, supplementary budgets) against its "
                    "deadline in the PFM Act 2012, with the days early or late, and the counties side by side.")
AMENDMENTS_SHOW = N_("This section would show, per vote, the amount the county executive proposed and the amount the "
                     "county assembly approved: how much the assembly moved, from where to where.")
OPINIONS_SHOW = N_("This section would list the Auditor-General's opinion on each county entity (the county "
                   "executive, the county assembly, named funds) for every fiscal year, from the audit reports.")
ACTIONS_SHOW = N_("This section would follow each recommendation of the Auditor-General's, the Controller of Budget's "
                  "and the assembly committees' reports: who must act, by when, whether and when it was done, the "
                  "share done and the oldest still open.")
NOT_FOUND_NOTE = N_("A year reads 'not found' when neither a loaded audit report nor public reporting gave an opinion: "
                    "it says nothing of the accounts and never means clean. Opinions as reported are second-hand; no "
                    "share or rank of counties is computed from them.")
WOMEN_NOTE = N_("SDG 5.5.1(b), the share of seats held by women in local government, cannot be computed without the "
                "county assembly's seats by sex (elected and nominated members): the IEBC's results and the gazetted "
                "nomination lists hold them. Load a count as indicator observations (indicator 5.5.1) on Upload data.")


def deep_link(county_code: str | None, fiscal_year: str, report_id: str, demo: bool = False) -> str:
    """Return the path that opens a report's recommendations: '/oversight?county=002&fy=2024/25&oversight=ID' (with
    &demo=1 for a generated report, which only the demonstration shows)."""
    # the id is quoted: a backtick or '&' in a loaded id can neither end the page's code span nor add a parameter
    return f"/{PAGE}?county={county_code or 'all'}&fy={fiscal_year}&oversight={quote(report_id)}" + (
        "&demo=1" if demo else "")


def _demo(rows: pd.DataFrame) -> bool:
    return bool(rows["is_demo"].fillna(False).astype(bool).any()) if len(rows) else False


def _cited(rows: pd.DataFrame) -> str:
    """The rows' citation without the 'Source: ' and demonstration prefixes (a table's citation)."""
    return presentation.citation(rows)


def _day(value) -> str:
    return "–" if value is None or pd.isna(value) else formatting.as_of(pd.Timestamp(value))


def records_as_of(rows: pd.DataFrame) -> date:
    """The latest as-of date of the rows' sources: the day an open recommendation is judged on."""
    return pd.Timestamp(rows["as_of"].max()).date()


def calendar_table(judged: pd.DataFrame, name: str, fiscal_year: str) -> ExportTable:
    """One county-year's milestones: the legal deadline and its section, the date it happened and the days early or
    late (from generated rows: what it would be)."""
    demo = [bool(d) for d in judged["is_demo"].fillna(False)]
    shown = pd.DataFrame({
        _("Milestone"): [_(m) for m in judged["milestone"]],
        _("Legal deadline"): judged["deadline"].map(_day),
        _("Happened"): judged["happened_date"].map(_day),
        _("Against the law"): [calendar.status_words(s, d, g) for s, d, g in zip(judged["status"], judged["days"],
                                                                                 demo)],
        _("The law"): [_(law) for law in judged["law"]]})
    data = judged[["county_code", "fiscal_year", "milestone", "deadline", "happened_date", "due_date", "status",
                   "days", "law", "reference", "is_demo"]]
    return ExportTable(shown, data, file_stem(name, _("budget-calendar"), fiscal_year), _cited(judged), any(demo))


def side_table(judged: pd.DataFrame, fiscal_year: str) -> ExportTable:
    """The counties × the milestones loaded for the year: days after the legal deadline (negative early)."""
    grid = calendar.side_by_side(judged)
    shown = grid.apply(lambda column: column.map(lambda v: "–" if pd.isna(v) else f"{int(v):+d}"))
    shown.columns = [_(m) for m in grid.columns]
    shown.insert(0, _("County"), [COUNTIES[c] for c in grid.index])
    data = grid.reset_index()
    return ExportTable(shown.reset_index(drop=True), data, file_stem(_("budget-calendar-counties"), fiscal_year),
                       _cited(judged), _demo(judged))


def votes_table(per_vote: pd.DataFrame, name: str, fiscal_year: str, source_rows: pd.DataFrame) -> ExportTable:
    shown = pd.DataFrame({
        _("Budget"): [_(e) for e in per_vote["estimates"]], _("Vote"): terms(per_vote["vote"]),
        _("Proposed"): per_vote["proposed_kes"].map(formatting.kes),
        _("Approved"): per_vote["approved_kes"].map(formatting.kes),
        _("Change"): [charts.signed(formatting.kes(c), c) if c else _("unchanged") for c in per_vote["change_kes"]],
        _("Change, % of proposed"): [charts.signed(formatting.pct(p), p) for p in per_vote["change_pct"]]})
    return ExportTable(shown, per_vote, file_stem(name, _("assembly-amendments"), fiscal_year), _cited(source_rows),
                       _demo(source_rows))


def moved_sentence(per_vote: pd.DataFrame, name: str, fiscal_year: str, demo: bool) -> str:
    """Return how much the assembly moved, from which votes to which ('The county assembly moved KES 134.5 m of
    the executive's proposed budget (1.2 %): from Health (−KES 64.9 m) … to …')."""
    found = metrics.moved(per_vote)
    if not found["moved_kes"] and not found["cut_kes"]:
        return demonstration.mark(_("{name}, {year}: the county assembly approved the executive's budget as "
                                    "proposed.").format(name=name, year=formatting.fy(fiscal_year)), demo)
    def listed(rows):
        return formatting.all_of(_("{vote} ({change})").format(vote=term(v), change=charts.signed(formatting.kes(c), c))
                                 for v, c in zip(rows["vote"], rows["change_kes"]))
    return demonstration.mark(_("{name}, {year}: the county assembly moved {moved} of the executive's proposed "
                                "{proposed} ({share}), from {cut} to {raised}.").format(
        name=name, year=formatting.fy(fiscal_year), moved=formatting.kes(found["moved_kes"]),
        proposed=formatting.kes(found["proposed_kes"]),
        share=formatting.pct(100 * found["moved_kes"] / found["proposed_kes"] if found["proposed_kes"] else None),
        cut=listed(found["cut"]) or "–", raised=listed(found["raised"]) or "–"), demo)


def county_moves_table(moves: pd.DataFrame, fiscal_year: str, source_rows: pd.DataFrame) -> ExportTable:
    shown = pd.DataFrame({
        _("County"): moves["county_code"].map(COUNTIES), _("Budget"): [_(e) for e in moves["estimates"]],
        _("Proposed"): moves["proposed_kes"].map(formatting.kes),
        _("Approved"): moves["approved_kes"].map(formatting.kes),
        _("Moved between votes"): moves["moved_kes"].map(formatting.kes),
        _("Share of proposed"): moves["moved_pct"].map(formatting.pct),
        _("Votes changed"): [_("{changed} of {votes}").format(changed=c, votes=v)
                             for c, v in zip(moves["votes_changed"], moves["votes"])]})
    return ExportTable(shown, moves, file_stem(_("assembly-amendments-counties"), fiscal_year), _cited(source_rows),
                       _demo(source_rows))


def opinion_words(opinion, kind: str) -> str:
    """An opinion as a reader reads it: loaded ('qualified'), as reported ('disclaimer of opinion, as reported') or
    not found (never clean)."""
    if kind == metrics.NOT_FOUND:
        return _("not found")
    if kind == "loaded":
        return _(OPINION_WORDS.get(opinion, opinion))
    return _("{opinion}, as reported").format(opinion=words(opinion))


def opinions_table(years: pd.DataFrame, name: str) -> ExportTable:
    """The audit opinions year by year and entity: as loaded, as reported (with the outlet) or not found."""
    shown = pd.DataFrame({
        _("Fiscal year"): years["fiscal_year"], _("Entity"): [_(e) for e in years["entity"]],
        _("Opinion"): [opinion_words(o, k) for o, k in zip(years["opinion"], years["kind"])],
        _("Where from"): [_("Auditor-General's report of {date}").format(date=_day(d)) if k == "loaded" else
                          _("{outlet}, {date}").format(outlet=o, date=_day(d)) if k == "reported" else
                          _("no loaded report and no public reporting found")
                          for k, o, d in zip(years["kind"], years["outlet"], years["report_date"])]})
    return ExportTable(shown, years, file_stem(name, _("audit-opinions-by-year")),
                       _("Auditor-General's reports as loaded; news outlets as reported (partial)."), False)


def loaded_opinions_table(loaded: pd.DataFrame, name: str) -> ExportTable:
    shown = pd.DataFrame({
        _("County"): loaded["county_name"], _("Fiscal year"): loaded["fiscal_year"],
        _("Entity"): [_(e) for e in loaded["entity"]],
        _("Opinion"): [_(OPINION_WORDS.get(o, o)) for o in loaded["opinion"]],
        _("Report of"): loaded["report_date"].map(_day), _("Report"): loaded["report"].fillna("–")})
    data = loaded.drop(columns=["publisher", "source_title", "as_of", "source_id"])
    return ExportTable(shown, data, file_stem(name, _("audit-opinions")), _cited(loaded), _demo(loaded))


def follow_up_cards(actions: pd.DataFrame, name: str) -> list[Card]:
    """The share of recommendations done, those open (and past due) and the oldest open, on the records' date."""
    as_of = records_as_of(actions)
    found, source, demo = metrics.follow_up(actions, as_of), source_line(actions), _demo(actions)
    oldest = found["oldest_open"]
    cards = [
        Card(_("Recommendations done"), formatting.pct(found["done_pct"]),
             _("{done} of {total}, {name}, on {date}.").format(done=found["done"], total=found["recommendations"],
                                                               name=name, date=formatting.as_of(as_of)), source, demo),
        Card(_("Open"), formatting.number(found["open"]),
             _("{overdue} past the date they were due.").format(overdue=found["overdue"]), source, demo)]
    if oldest is not None:
        days, reporter = (as_of - pd.Timestamp(oldest["tabled_date"]).date()).days, oldest["reported_by"]
        cards.append(Card(_("Oldest open"), _("{days} days").format(days=formatting.number(days)),
                          _("{report} no. {number} ({by}, tabled {date}): {text} — {who}.").format(
                              report=oldest["report_id"], number=oldest["recommendation_no"],
                              by=_(reporter), date=_day(oldest["tabled_date"]),
                              text=oldest["recommendation"], who=oldest["responsible"]), source, demo))
    return cards


# The report picker's columns: what fits a projector's width; every column is in the CSV and Excel.
PICK_ORDER = (N_("Report"), N_("Tabled"), N_("Done"), N_("County"), N_("Recommendations"))
PICK_WIDE = N_("Report")


def reports_table(actions: pd.DataFrame, name: str) -> ExportTable:
    """Every report with its recommendations counted by status and the share done; a pick opens the report."""
    found = metrics.reports(actions)
    shown = pd.DataFrame({
        _("Report"): [_("{title} ({by})").format(title=t, by=_(b)) for t, b in zip(found["report_title"],
                                                                                  found["reported_by"])],
        _("Tabled"): found["tabled_date"].map(_day), _("County"): found["county_name"],
        _("Recommendations"): found["recommendations"],
        _("Done"): [_("{done} of {total} ({share})").format(done=d, total=t, share=formatting.pct(s))
                    for d, t, s in zip(found["done"], found["recommendations"], found["done_pct"])],
        _("Report ID"): found["report_id"]})
    return ExportTable(shown, found, file_stem(name, _("oversight-reports")), _cited(actions), _demo(actions))


def recommendations_table(actions: pd.DataFrame, report_id: str) -> ExportTable:
    """One report's recommendations: who must act, by when, whether and when it was done (generated ones marked)."""
    shown = pd.DataFrame({
        _("No."): actions["recommendation_no"], _("Recommendation"): actions["recommendation"],
        _("Who must act"): actions["responsible"], _("Due"): actions["due_date"].map(_day),
        _("Status"): [_(s) for s in actions["status"]], _("Done on"): actions["done_date"].map(_day),
        _("Evidence"): actions["evidence"].fillna("–")})
    data = actions.drop(columns=["publisher", "source_title", "as_of", "source_id"])
    return ExportTable(shown.reset_index(drop=True), data.reset_index(drop=True),
                       file_stem(_("recommendations"), report_id), _cited(actions), _demo(actions))


@dataclass
class Report:
    """One report's recommendations, opened by a pick or by the address's &oversight=…"""

    report_id: str
    title: str
    facts: list[tuple[str, str]]
    table: ExportTable
    source: str
    is_demo: bool
    link: str


def report(query: Callable[..., pd.DataFrame], report_id: str) -> Report | None:
    """Return a report's recommendations (any county's), or None when the warehouse has no such report."""
    rows = query("oversight_actions", county_code="", report_id=report_id)
    if rows.empty:
        return None
    first, demo = rows.iloc[0], _demo(rows)
    found, reporter = metrics.follow_up(rows, records_as_of(rows)), first["reported_by"]
    facts = [(_("County"), first["county_name"]), (_("By"), _(reporter)),
             (_("Fiscal year covered"), formatting.fy(first["fiscal_year"])),
             (_("Tabled"), _day(first["tabled_date"])),
             (_("Done"), _("{done} of {total} ({share})").format(done=found["done"], total=found["recommendations"],
                                                                 share=formatting.pct(found["done_pct"])))]
    return Report(report_id, first["report_title"], facts, recommendations_table(rows, report_id), source_line(rows),
                  demo, deep_link(first["county_code"], first["fiscal_year"], report_id, demo))


@dataclass
class OversightView:
    """Everything the Oversight page shows for a county (or all 47) and fiscal year."""

    name: str
    county_code: str | None
    fiscal_year: str
    calendar: pd.DataFrame | None = None  # the county-year's milestones judged against the law
    calendar_source: str = ""
    calendar_demo: bool = False
    late_sentence: str = ""
    timeline_chart: Chart | None = None
    calendar_table: ExportTable | None = None
    side_chart: Chart | None = None
    side_table: ExportTable | None = None
    votes: pd.DataFrame | None = None
    amendments_source: str = ""
    amendments_demo: bool = False
    moved_sentence: str = ""
    amendments_chart: Chart | None = None
    votes_table: ExportTable | None = None
    counties_table: ExportTable | None = None
    opinions: pd.DataFrame | None = None  # year by year: loaded, reported or not found (a county only)
    opinions_table: ExportTable | None = None
    loaded_opinions_table: ExportTable | None = None
    actions: pd.DataFrame | None = None
    follow_up_cards: list[Card] = field(default_factory=list)
    reports_table: ExportTable | None = None

    @property
    def is_demo(self) -> bool:
        """Whether anything the page draws from these rows is generated (its warning then says so)."""
        return (self.calendar_demo or self.amendments_demo or any(card.is_demo for card in self.follow_up_cards)
                or (self.side_table is not None and self.side_table.is_demo))

    @property
    def has_calendar(self) -> bool:
        return self.side_table is not None or self.calendar_table is not None

    @property
    def has_amendments(self) -> bool:
        return self.votes_table is not None or self.counties_table is not None

    @property
    def has_actions(self) -> bool:
        return self.reports_table is not None


def oversight_view(query: Callable[..., pd.DataFrame], county_code: str | None, fiscal_year: str) -> OversightView:
    """Return the page's figures and tables (from the rows `query` reads: the real ones only, unless the viewer or
    the document asked for the demonstration)."""
    from jdp_analytics.oversight import charts as oversight_charts

    name = COUNTIES[county_code] if county_code else _("All 47 counties")
    view = OversightView(name, county_code, fiscal_year)
    everywhere = query("budget_milestones", county_code="")
    year = calendar.calendar(everywhere[everywhere["fiscal_year"] == fiscal_year])
    if not year.empty:
        source, demo = source_line(year), _demo(year)
        view.side_table = side_table(year, fiscal_year)
        view.side_chart = Chart(oversight_charts.side_by_side(
            calendar.side_by_side(year), COUNTIES, county_code, fiscal_year, source, demo),
            file_stem(_("budget-calendar-counties"), fiscal_year))
        own = year[year["county_code"] == county_code] if county_code else year.iloc[0:0]
        if not own.empty:
            view.calendar, view.calendar_source, view.calendar_demo = own, source_line(own), _demo(own)
            view.late_sentence = calendar.late_sentence(own, name, fiscal_year, view.calendar_demo)
            view.calendar_table = calendar_table(own, name, fiscal_year)
            view.timeline_chart = Chart(oversight_charts.timeline(own, name, fiscal_year, view.calendar_source,
                                                                  view.calendar_demo),
                                        file_stem(name, _("budget-calendar"), fiscal_year))
    amendments = query("budget_amendments", county_code=county_code or "", fiscal_year=fiscal_year)
    if not amendments.empty:
        view.votes = metrics.votes(amendments)
        view.amendments_source, view.amendments_demo = source_line(amendments), _demo(amendments)
        if county_code:
            original = view.votes[view.votes["estimates"] == view.votes["estimates"].min()]  # 'original' first
            view.moved_sentence = moved_sentence(original, name, fiscal_year, view.amendments_demo)
            view.amendments_chart = Chart(oversight_charts.amendments(original, name, fiscal_year,
                                                                      view.amendments_source, view.amendments_demo),
                                          file_stem(name, _("assembly-amendments"), fiscal_year))
            view.votes_table = votes_table(view.votes, name, fiscal_year, amendments)
        else:
            view.counties_table = county_moves_table(metrics.county_moves(view.votes), fiscal_year, amendments)
    loaded = query("audit_opinions", county_code=county_code or "")
    if county_code:
        reported = query("reported_statements")
        reported = reported[(reported["topic"] == AUDIT_OPINION) & (reported["county_code"] == county_code)]
        view.opinions = metrics.opinions_by_year(loaded, reported, fiscal_year)
        view.opinions_table = opinions_table(view.opinions, name)
    if not loaded.empty:
        view.loaded_opinions_table = loaded_opinions_table(loaded, name)
    actions = query("oversight_actions", county_code=county_code or "", report_id="")
    if not actions.empty:
        view.actions = actions
        view.follow_up_cards = follow_up_cards(actions, name)
        view.reports_table = reports_table(actions, name)
    return view
