"""View model of the From proposals to budget page (and the brief's section and workbook sheet): cards, tables,
charts and a proposal's trail, assembled from query results without Streamlit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import Card, ExportTable, file_stem, source_line
from jdp_analytics.common.vocabulary import term, terms
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS
from jdp_analytics.participation.views import Chart, adults
from jdp_analytics.proposals import metrics as m

PAGE = "proposals"
GROUP_LABELS = {"women": N_("Women"), "youth": N_("Youth"), "PWD": N_("Persons with disabilities"),
                "mixed": N_("Mixed groups"), m.NOT_RECORDED: N_("Not recorded")}  # shown as _(label)


def _group(key) -> str:
    return _(GROUP_LABELS.get(key, m.NOT_RECORDED)) if pd.notna(key) else _("not recorded")


def _date(value) -> str:
    return "–" if value is None or pd.isna(value) else formatting.as_of(pd.Timestamp(value))


def deep_link(county_code: str | None, fiscal_year: str, proposal_id: str, demo: bool = False) -> str:
    """Return the path that opens a proposal's trail: '/proposals?county=043&fy=2024/25&proposal=ID' (with &demo=1
    for a generated proposal, which only the demonstration shows)."""
    # the id is quoted: a backtick or '&' in a loaded id can neither end the page's code span nor add a parameter
    return f"/{PAGE}?county={county_code or 'all'}&fy={fiscal_year}&proposal={quote(proposal_id)}" + (
        "&demo=1" if demo else "")


def _short_kes(amount) -> str:
    """'1.72 bn' for a card whose label already says KES (five cards side by side leave no room for more)."""
    return formatting.kes(amount).removeprefix("KES ")  # "bilioni 1.72" in Kiswahili


def _demo(rows: pd.DataFrame) -> bool:
    return bool(rows["is_demo"].fillna(False).astype(bool).any()) if len(rows) else False


def cards(proposals: pd.DataFrame, county_code: str | None, population: float | None, source: str,
          demo: bool) -> list[Card]:
    """Return proposals made, adopted, funded (KES), spent and feedback given."""
    steps = m.funnel(proposals).set_index("step")
    made, adopted, funded, spent, feedback = (steps.iloc[i] for i in (0, 1, 3, 4, 5))
    given = formatting.number(funded["proposals"])
    funded_text = (_("{count} proposals given an amount; {per_adults} per 1,000 adults (census 2019).").format(
        count=given, per_adults=formatting.kes(1000 * funded["kes"] / population)) if county_code and population
                   else _("{count} proposals given an amount.").format(count=given))
    return [
        Card(_("Proposals made"), formatting.number(made["proposals"]),
             _("In {count} wards.").format(count=proposals["ward_code"].nunique()), source, demo),
        Card(_("Adopted"), formatting.pct(adopted["pct_of_proposals"]),
             _("{count} into the ADP or budget.").format(count=formatting.number(adopted["proposals"])), source, demo),
        Card(_("Funded (KES)"), _short_kes(funded["kes"]), funded_text, source, demo),
        Card(_("Spent (KES)"), _short_kes(spent["kes"]),
             _("{share} of the amount allocated.").format(
                 share=formatting.pct(m.share_pct(spent["kes"], funded["kes"]))),
             source, demo),
        Card(_("Proposers told the decision"), formatting.pct(feedback["pct_of_proposals"]),
             _("{count} proposals answered.").format(count=formatting.number(feedback["proposals"])),
             source, demo),
    ]


def ward_table(summary: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> ExportTable:
    shown = pd.DataFrame({
        _("Ward"): summary["ward_name"], _("Proposals"): summary["made"].map(formatting.number),
        _("Adopted"): summary["adopted"].map(formatting.number),
        _("In budget"): summary["in_budget"].map(formatting.number),
        _("Funded"): summary["funded"].map(formatting.number),
        _("KES allocated"): summary["allocated_kes"].map(formatting.kes),
        _("KES spent"): summary["spent_kes"].map(formatting.kes),
        _("KES per proposal"): [formatting.kes(a / n) if n else "–" for a, n in zip(summary["allocated_kes"],
                                                                                    summary["made"])],
        _("Proposers told"): summary["feedback"].map(formatting.number)})
    return ExportTable(shown, summary, file_stem(name, _("proposals-by-ward"), fiscal_year), _plain(source), demo)


def sector_table(summary: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> ExportTable:
    shown = pd.DataFrame({
        _("Sector"): terms(summary["sector"]), _("Proposals"): summary["made"].map(formatting.number),
        _("Adopted"): summary["adopted_pct"].map(formatting.pct),
        _("In budget"): summary["in_budget"].map(formatting.number),
        _("Funded"): summary["funded"].map(formatting.number),
        _("KES allocated"): summary["allocated_kes"].map(formatting.kes),
        _("Spent of allocated"): summary["spent_pct_of_allocated"].map(formatting.pct),
        _("Share of proposers told"): summary["feedback_pct"].map(formatting.pct)})
    return ExportTable(shown, summary, file_stem(name, _("proposals-by-sector"), fiscal_year), _plain(source), demo)


def group_table(adoption: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> ExportTable:
    shown = pd.DataFrame({
        _("Raised by"): adoption["group"].map(_group), _("Proposals"): adoption["proposals"].map(formatting.number),
        _("Share of proposals"): adoption["share_of_proposals_pct"].map(formatting.pct),
        _("Share of adopted"): adoption["share_of_adopted_pct"].map(formatting.pct),
        _("Adopted of own"): adoption["adoption_rate_pct"].map(formatting.pct),
        _("Gap"): adoption["gap_points"].map(formatting.points)})
    return ExportTable(shown, adoption, file_stem(name, _("proposals-by-group"), fiscal_year), _plain(source), demo)


# The pick grid's columns: what was asked, what was decided, the money and where, which fit a projector's width; the
# identifier, dates, sector and programme are in the trail a pick opens, and every column is in the CSV and Excel.
PICK_ORDER = (N_("Proposal text"), N_("Decision"), N_("KES allocated"), N_("Ward"), N_("County"))
PICK_WIDE = N_("Proposal text")


def proposal_table(rows: pd.DataFrame, name: str, stem: str, source: str, demo: bool) -> ExportTable:
    """Proposals as a list: made, ward, sector, text, decision, amounts and feedback, each with its id."""
    shown = pd.DataFrame({
        _("Proposal"): rows["proposal_id"], _("Made"): rows["proposed_date"].map(_date), _("Ward"): rows["ward_name"],
        _("Sector"): terms(rows["sector"]), _("Proposal text"): rows["proposal_text"],
        _("Decision"): terms(rows["decision"]), _("Programme"): terms(rows["programme"].fillna("–")),
        _("KES allocated"): rows["allocated_kes"].map(formatting.kes),
        _("Feedback"): rows["feedback_date"].map(_date)})
    if rows["county_code"].nunique() > 1:
        shown.insert(2, _("County"), rows["county_name"])
    data = rows.drop(columns=["publisher", "source_title", "as_of", "source_id"])  # is_demo marks each row
    return ExportTable(shown.reset_index(drop=True), data, file_stem(name, stem), _plain(source), demo)


def comparison_table(comparison: pd.DataFrame, fiscal_year: str, source: str, demo: bool) -> ExportTable:
    c = comparison
    shown = pd.DataFrame({
        _("County"): c["county_name"], _("Proposals"): c["proposals"].map(formatting.number),
        _("Adopted"): c["adopted_pct"].map(formatting.pct), _("Funded"): c["funded_pct"].map(formatting.pct),
        _("KES allocated"): c["allocated_kes"].map(formatting.kes),
        _("Per 1,000 adults"): c["kes_per_1000_adults"].map(formatting.kes),
        _("Per proposal"): c["kes_per_proposal"].map(formatting.kes),
        _("Spent of allocated"): c["spent_pct_of_allocated"].map(formatting.pct),
        _("Share of proposers told"): c["feedback_pct"].map(formatting.pct)})
    return ExportTable(shown, c, file_stem(_("proposals-counties"), fiscal_year), _plain(source), demo)


def equity_table(equity: pd.DataFrame, name: str, fiscal_year: str, source: str, demo: bool) -> ExportTable:
    shown = pd.DataFrame({
        _("Ward"): equity["ward_name"], _("Projects"): equity["projects"].map(formatting.number),
        _("Approved"): equity["approved_kes"].map(formatting.kes), _("Spent"): equity["spent_kes"].map(formatting.kes),
        _("Share of spending"): equity["share_of_spent_pct"].map(formatting.pct),
        _("Equal share of adults"): equity["equal_share_pct"].map(formatting.pct),
        _("Gap"): equity["gap_points"].map(formatting.points)})
    return ExportTable(shown, equity, file_stem(name, _("ward-development-equity"), fiscal_year), _plain(source),
                       demo)


def _plain(source: str) -> str:
    """The citation of a source line: its 'DEMONSTRATION DATA. ' and 'Source: ' taken off, in either language."""
    for prefix in ("DEMONSTRATION DATA. ", _("DEMONSTRATION DATA. {source}").format(source=""), "Source: ",
                   _("Source: {citation}").format(citation="")):
        source = source.removeprefix(prefix)
    return source


@dataclass
class ProposalsView:
    """Everything the From proposals to budget page shows for a county (or all 47) and fiscal year."""

    name: str
    county_code: str | None
    fiscal_year: str
    source: str
    is_demo: bool
    has_proposals: bool
    cards: list[Card] = field(default_factory=list)
    funnel: pd.DataFrame | None = None
    funnel_chart: Chart | None = None
    ward_summary: pd.DataFrame | None = None
    ward_chart: Chart | None = None
    ward_table: ExportTable | None = None
    sector_table: ExportTable | None = None
    groups: pd.DataFrame | None = None
    group_chart: Chart | None = None
    group_table: ExportTable | None = None
    oldest_table: ExportTable | None = None
    comparison: pd.DataFrame | None = None
    comparison_chart: Chart | None = None
    comparison_table: ExportTable | None = None
    equity: pd.DataFrame | None = None
    equity_chart: Chart | None = None
    equity_table: ExportTable | None = None
    equity_source: str = ""
    equity_is_demo: bool = False
    proposals_table: ExportTable | None = None


def proposals_view(query: Callable[..., pd.DataFrame], county_code: str | None, fiscal_year: str) -> ProposalsView:
    """Return the page's figures and tables (from the rows `query` reads: the real ones only, unless the viewer or
    the document asked for the demonstration)."""
    from jdp_analytics.proposals import charts

    name = COUNTIES[county_code] if county_code else _("All 47 counties")
    proposals = query("proposals", county_code=county_code or "", fiscal_year=fiscal_year)
    source, demo = source_line(proposals), _demo(proposals)
    view = ProposalsView(name, county_code, fiscal_year, source, demo, not proposals.empty)
    if proposals.empty:
        return view
    groups = query("population_groups")
    population = adults(groups).get(county_code) if county_code else None
    view.cards = cards(proposals, county_code, population, source, demo)
    view.funnel = m.funnel(proposals)
    view.funnel_chart = Chart(charts.funnel(view.funnel, name, fiscal_year, source, demo),
                              file_stem(name, _("proposals-to-budget"), fiscal_year))
    if county_code:
        wards = query("wards")
        view.ward_summary = m.ward_funnel(proposals, wards[wards["county_code"] == county_code])
        view.ward_chart = Chart(charts.wards(view.ward_summary, name, fiscal_year, source, demo),
                                file_stem(name, _("proposals-kes-by-ward"), fiscal_year))
        view.ward_table = ward_table(view.ward_summary, name, fiscal_year, source, demo)
        projects = query("ward_projects", county_code=county_code, fiscal_year=fiscal_year)
        if not projects.empty:
            view.equity = m.ward_equity(projects, wards[wards["county_code"] == county_code])
            view.equity_source, view.equity_is_demo = source_line(projects), _demo(projects)
            view.equity_chart = Chart(charts.equity(view.equity, name, fiscal_year, view.equity_source,
                                                    view.equity_is_demo),
                                      file_stem(name, _("ward-development-equity"), fiscal_year))
            view.equity_table = equity_table(view.equity, name, fiscal_year, view.equity_source, view.equity_is_demo)
    view.sector_table = sector_table(m.funnel_by(proposals, "sector"), name, fiscal_year, source, demo)
    view.groups = m.group_adoption(proposals)
    view.group_chart = Chart(charts.groups(view.groups.assign(group=view.groups["group"].map(_group)), name,
                                           fiscal_year, source, demo), file_stem(name, _("proposals-by-group"),
                                                                                  fiscal_year))
    view.group_table = group_table(view.groups, name, fiscal_year, source, demo)
    view.oldest_table = proposal_table(m.oldest_unfunded(proposals), name,
                                       _("oldest-adopted-unfunded-{year}").format(year=fiscal_year.replace("/", "-")),
                                       source, demo)
    everywhere = proposals if county_code is None else query("proposals", county_code="", fiscal_year=fiscal_year)
    codes = sorted(set(JDP_TARGETS) | set(everywhere["county_code"]), key=COUNTIES.get)
    everywhere_source, everywhere_demo = source_line(everywhere), _demo(everywhere)
    view.comparison = m.county_comparison(everywhere, adults(groups), codes, COUNTIES)
    view.comparison_chart = Chart(charts.counties(view.comparison, county_code, fiscal_year, everywhere_source,
                                                  everywhere_demo), file_stem(_("proposals-counties"), fiscal_year))
    view.comparison_table = comparison_table(view.comparison, fiscal_year, everywhere_source, everywhere_demo)
    view.proposals_table = proposal_table(proposals, name, _("proposals-{year}").format(
        year=fiscal_year.replace("/", "-")), source, demo)
    return view


@dataclass
class Trail:
    """One proposal followed from the forum to the money and the feedback."""

    proposal_id: str
    title: str
    facts: list[tuple[str, str]]
    lines: pd.DataFrame  # one row per linked budget line, formatted
    source: str
    is_demo: bool
    link: str


def proposal_trail(query: Callable[..., pd.DataFrame], proposal_id: str) -> Trail | None:
    """Return a proposal's trail (forum, decision, budget lines, amounts, feedback), or None when there is none."""
    rows = query("proposal_trail", proposal_id=proposal_id)
    if rows.empty:
        return None
    first = rows.iloc[0]
    forum_stage, budget_stage = first["forum_stage"], first["budget_stage"]  # stage names: _(name), not _(row[…])
    forum = (_("{event}: {stage} forum at {venue}, {date}").format(
        event=first["event_id"], stage=_(forum_stage), venue=first["venue"] or first["ward_name"],
        date=_date(first["event_date"])) if pd.notna(first["event_id"]) else _("not recorded"))
    linked = rows.dropna(subset=["line_programme"])
    decision = term(first["decision"]) if pd.isna(first["decision_reason"]) else _("{decision} — {reason}").format(
        decision=term(first["decision"]), reason=term(first["decision_reason"]))
    facts = [(_("County and ward"), f"{first['county_name']} · {first['ward_name']}"), (_("Forum"), forum),
             (_("Made"), _("{date}, at the {stage} stage, {year}").format(
                 date=_date(first["proposed_date"]), stage=_(budget_stage),
                 year=formatting.fy(first["fiscal_year"]))),
             (_("Sector"), term(first["sector"])), (_("Raised by"), _group(first["raised_by_group"])),
             (_("Decision"), decision),
             (_("Programme"), term(first["programme"]) if pd.notna(first["programme"]) else "–"),
             (_("Project"), first["project"] if pd.notna(first["project"]) else "–"),
             (_("KES allocated"), formatting.kes_exact(linked["allocated_kes"].sum()) if len(linked) else _("none")),
             (_("KES spent"), formatting.kes_exact(linked["link_spent_kes"].sum()) if len(linked) else _("none")),
             (_("Feedback to proposers"), _date(first["feedback_date"]) if pd.notna(first["feedback_date"])
              else _("not given"))]
    lines = pd.DataFrame({
        _("Fiscal year"): linked["line_fiscal_year"], _("Sector"): terms(linked["line_sector"]),
        _("Programme"): terms(linked["line_programme"]),
        _("Line approved"): linked["line_approved_kes"].map(formatting.kes),
        _("Line spent"): linked["line_spent_kes"].map(formatting.kes),
        _("Allocated to the proposal"): linked["allocated_kes"].map(formatting.kes),
        _("Spent on it"): linked["link_spent_kes"].map(formatting.kes),
        _("Ward project"): [f"{p} ({term(s)})" if pd.notna(p) else "–" for p, s in zip(linked["project_name"],
                                                                                linked["project_status"])]})
    demo = bool(first["is_demo"]) if pd.notna(first["is_demo"]) else False
    return Trail(proposal_id, f"{first['proposal_text']}", facts, lines.reset_index(drop=True),
                 source_line(rows.head(1)), demo,
                 deep_link(first["county_code"], first["fiscal_year"], proposal_id, demo))
