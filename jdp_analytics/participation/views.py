"""View models of the Participation page: cards, tables and chart data assembled from query results, no Streamlit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from jdp_analytics.common import demonstration, formatting
from jdp_analytics.common.i18n import N_, _, ngettext
from jdp_analytics.common.presentation import Card, ExportTable, file_stem
from jdp_analytics.common.vocabulary import term, terms
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS
from jdp_analytics.participation import metrics as p
from jdp_analytics.participation.tables import BUDGET_DOCUMENTS, BUDGET_STAGES

WARD_POPULATION_NOTE = N_("KNBS published the 2019 census down to sub-counties, not wards, so turnout per 1,000 "
                        "residents is given per county (adults aged 18 and above); wards show forums and attendance.")
STATUS_ICONS = {"on time": "✅ on time", "late": "⏰ late", "not published": "❌ not published",
                "not yet due": "… not yet due", "no record": "– no record"}
DOCUMENT_WORDS = (N_("Budget estimates"), N_("Approved budget"), N_("Q1 implementation report"),  # shown as _()
                  N_("Q2 implementation report"), N_("Q3 implementation report"), N_("Q4 implementation report"))
STATUS_WORDS = (N_("on time"), N_("late"), N_("not published"), N_("not yet due"), N_("no record"))  # shown as _()


# What a status would be, read from generated records (demonstration.status): never a real county's record.
ILLUSTRATIONS = {"on time": N_("would be on time"), "not published": N_("would be unpublished")}


def status_words(status: str, days_late, demo: bool = False) -> str:
    """Return a document's status in the current language: 'on time', 'late by 12 days', 'not published'; from
    generated records what it would be: 'would be late by 12 days'."""
    if status == "late":
        days = int(days_late)
        return demonstration.status(
            ngettext("late by {days} day", "late by {days} days", days).format(days=days),
            ngettext("would be late by {days} day", "would be late by {days} days", days).format(days=days), demo)
    return demonstration.status(_(status), _(ILLUSTRATIONS[status]) if status in ILLUSTRATIONS else _(status), demo)

HISTORY_START = date(2013, 7, 1)  # the quarterly trend starts with devolution's first full fiscal year


def sources_of(sources: pd.DataFrame, table: str, source_ids=None) -> pd.DataFrame:
    """Return the source rows behind a table (optionally only those the shown rows use)."""
    rows = sources[sources["table_name"] == table]
    if source_ids is not None:
        rows = rows[rows["source_id"].isin(set(source_ids))]
    return rows


def citation(rows: pd.DataFrame) -> str:
    """Return 'Publisher, Title; as of 30 Jun 2025' for the given source rows, demo ones marked."""
    if rows.empty:
        return _("No records for this selection.")
    parts = [_("{publisher}, {title}; as of {date}").format(publisher=term(r.publisher), title=term(r.source_title),
                                                            date=formatting.as_of(r.as_of))
             for r in rows.drop_duplicates("source_id").itertuples()]
    line = _("Source: {citation}").format(citation=" · ".join(parts) + ".")
    return _("DEMONSTRATION DATA. {source}").format(source=line) if bool(rows["is_demo"].any()) else line


def generated_by_source(rows: pd.DataFrame, source_rows: pd.DataFrame) -> list[bool]:
    """Return, for each row, whether its source (by source_id, else any of the source rows) is generated."""
    if "source_id" not in rows:
        return [is_demo(source_rows)] * len(rows)
    generated = set(source_rows.loc[source_rows["is_demo"].fillna(False).astype(bool), "source_id"])
    return rows["source_id"].isin(generated).tolist()


def is_demo(rows: pd.DataFrame) -> bool:
    return bool(rows["is_demo"].fillna(False).astype(bool).any())


def adults(groups: pd.DataFrame) -> pd.Series:
    """Return the census count of adults (18+) per county code."""
    rows = groups[(groups["population_group"] == "aged_18_plus") & (groups["sex"] == "total")]
    return rows.set_index("county_code")["persons"]


def shares_of(groups: pd.DataFrame, county_code: str | None) -> pd.Series:
    """Return the census shares (%) of women, youth and PWD of one county, or of Kenya when county_code is None."""
    key = county_code or "all"
    pooled = groups if county_code else groups.assign(county_code="all")
    return p.population_shares(pooled[pooled["county_code"] == key]).set_index("county_code").loc[key]


def headline_cards(events: pd.DataFrame, wards: pd.DataFrame, groups: pd.DataFrame, county_code: str | None,
                   fiscal_year: str, source: str, demo: bool) -> list[Card]:
    """Return forums held, turnout per 1,000 adults, women's representation, proposals adopted and the forums that
    gave feedback."""
    held = events["ward_code"].nunique()
    population = adults(groups).get(county_code) if county_code else None
    counties = events["county_code"].nunique()
    attendance = int(events["attendance_total"].sum())
    rep = p.representation(events, shares_of(groups, county_code)).set_index("group")
    women = rep.loc["Women"]
    funnel = p.funnel(events).set_index("step")["pct_of_received"]
    feedback = p.feedback_summary(events)
    year = formatting.sentence_case(formatting.fy(fiscal_year))  # it begins the sentence
    where = (_("{year}, in {held} of {wards} wards.").format(year=year, held=held, wards=len(wards)) if county_code
             else _("{year}, in {held} wards of {counties} counties with records.").format(year=year, held=held,
                                                                                          counties=counties))
    turnout = (_("{rate} per 1,000 adults (census 2019).").format(
        rate=formatting.number(p.per_1000(attendance, population), 1))
               if population else _("Per 1,000 adults: choose a county."))
    return [
        Card(_("Forums held"), formatting.number(len(events)), where, source, demo),
        Card(_("Attendance"), formatting.number(attendance), turnout, source, demo),
        Card(_("Women attending"), formatting.pct(women["participants_pct"]),
             _("{gap} against their {share} of adults.").format(gap=formatting.points(women["gap_points"]),
                                                                share=formatting.pct(women["population_pct"])),
             source, demo),
        Card(_("Proposals adopted"), formatting.pct(funnel.get("Adopted into the plan or budget")),
             _("of {count} received.").format(count=formatting.number(p.funnel(events)["proposals"].iloc[0])),
             source, demo),
        Card(_("Forums that gave feedback"), formatting.pct(feedback["feedback_pct"]),
             _("median {days} days after the forum.").format(
                 days=formatting.number(feedback["median_days_to_feedback"]))
             if feedback["median_days_to_feedback"] is not None else _("no feedback recorded."), source, demo),
    ]


def ward_summary(events: pd.DataFrame, wards: pd.DataFrame) -> pd.DataFrame:
    """Return one row per ward of the county: forums, attendance, women %, stages covered, proposals adopted."""
    grouped = events.groupby("ward_code").agg(
        forums=("event_id", "count"), attendance=("attendance_total", "sum"), women=("attendance_women", "sum"),
        stages=("budget_stage", "nunique"), proposals_received=("proposals_received", "sum"),
        proposals_adopted=("proposals_adopted", "sum"))
    out = wards[["ward_code", "ward_name", "constituency_name"]].merge(grouped.reset_index(), on="ward_code",
                                                                       how="left")
    counts = ["forums", "attendance", "women", "stages", "proposals_received", "proposals_adopted"]
    out[counts] = out[counts].fillna(0).astype(int)
    out["women_pct"] = [p.share_pct(w, a) for w, a in zip(out["women"], out["attendance"])]
    return out.sort_values(["forums", "ward_name"], ascending=[False, True]).reset_index(drop=True)


def ward_table(summary: pd.DataFrame, county_name: str, fiscal_year: str, source_rows: pd.DataFrame) -> ExportTable:
    data = summary.drop(columns=["women"]).rename(columns={"women_pct": "women_pct_of_attendance"})
    of = _("{part} of {whole}")
    shown = pd.DataFrame({
        _("Ward"): summary["ward_name"], _("Constituency"): summary["constituency_name"],
        _("Forums"): [f"{n}" if n else _("0 · no forum") for n in summary["forums"]],
        _("Attendance"): summary["attendance"].map(formatting.number),
        _("Women"): summary["women_pct"].map(formatting.pct),
        _("Stages covered"): summary["stages"].map(lambda n: of.format(part=n, whole=len(BUDGET_STAGES))),
        _("Proposals adopted"): [of.format(part=a, whole=r) for a, r in zip(summary["proposals_adopted"],
                                                                          summary["proposals_received"])]})
    return ExportTable(shown, data, file_stem(county_name, _("forums-by-ward"), fiscal_year), citation(source_rows),
                       is_demo(source_rows))


def representation_table(rep: pd.DataFrame, name: str, fiscal_year: str, source_rows: pd.DataFrame,
                         census_rows: pd.DataFrame) -> ExportTable:
    shown = pd.DataFrame({
        _("Group"): rep["group"].map(_), _("Share of participants"): rep["participants_pct"].map(formatting.pct),
        _("Share of the population"): rep["population_pct"].map(formatting.pct),
        _("Gap"): rep["gap_points"].map(formatting.points),
        _("Based on"): [_("{attendances} attendances at {recorded} of {forums} forums").format(
            attendances=formatting.number(a), recorded=e, forums=n) for a, e, n in
            zip(rep["recorded_attendance"], rep["events_recorded"], rep["events"])],
        _("Population base"): rep["denominator"].map(_)})
    both = pd.concat([source_rows, census_rows])
    return ExportTable(shown, rep, file_stem(name, _("representation"), fiscal_year), citation(both), is_demo(both))


def county_comparison(events: pd.DataFrame, wards: pd.DataFrame, groups: pd.DataFrame,
                      codes: list[str]) -> pd.DataFrame:
    """Return one row per county: forums, wards reached, turnout per 1,000 adults, gaps, adoption, feedback."""
    shares = p.population_shares(groups).set_index("county_code")
    population = adults(groups)
    rows = []
    for code in codes:
        mine = events[events["county_code"] == code]
        rep = p.representation(mine, shares.loc[code]).set_index("group")["gap_points"]
        funnel = p.funnel(mine).set_index("step")["pct_of_received"]
        feedback = p.feedback_summary(mine)
        rows.append({"county_code": code, "county_name": COUNTIES[code], "forums": len(mine),
                     "wards_with_forum": mine["ward_code"].nunique(),
                     "wards": int((wards["county_code"] == code).sum()),
                     "attendance": int(mine["attendance_total"].sum()),
                     "attendance_per_1000_adults": p.per_1000(mine["attendance_total"].sum(), population.get(code)),
                     "women_gap_points": rep.get("Women"), "youth_gap_points": rep.get("Youth (18–34)"),
                     "pwd_gap_points": rep.get("Persons with disabilities"),
                     "adopted_pct_of_received": funnel.get("Adopted into the plan or budget"),
                     "forums_with_feedback_pct": feedback["feedback_pct"],
                     "median_days_to_feedback": feedback["median_days_to_feedback"]})
    return pd.DataFrame(rows)


def comparison_table(comparison: pd.DataFrame, fiscal_year: str, source_rows: pd.DataFrame) -> ExportTable:
    c = comparison
    shown = pd.DataFrame({
        _("County"): c["county_name"], _("Forums"): c["forums"].map(formatting.number),
        _("Wards reached"): [_("{part} of {whole}").format(part=w, whole=n)
                             for w, n in zip(c["wards_with_forum"], c["wards"])],
        _("Per 1,000 adults"): c["attendance_per_1000_adults"].map(lambda v: formatting.number(v, 1)),
        _("Women gap"): c["women_gap_points"].map(formatting.points),
        _("Youth gap"): c["youth_gap_points"].map(formatting.points),
        _("PWD gap"): c["pwd_gap_points"].map(formatting.points),
        _("Proposals adopted"): c["adopted_pct_of_received"].map(formatting.pct),
        _("Forums with feedback"): c["forums_with_feedback_pct"].map(formatting.pct),
        _("Median days to feedback"): c["median_days_to_feedback"].map(formatting.number)})
    return ExportTable(shown, c, file_stem(_("participation-target-counties"), fiscal_year), citation(source_rows),
                       is_demo(source_rows))


def quarterly(events: pd.DataFrame) -> pd.DataFrame:
    """Return forums, attendance, women % and adoption % per fiscal quarter, in time order."""
    if events.empty:
        return pd.DataFrame(columns=["quarter", "forums", "attendance", "women_pct", "adopted_pct"])
    frame = events.assign(quarter=events["event_date"].map(p.fiscal_quarter))
    out = frame.groupby("quarter").agg(forums=("event_id", "count"), attendance=("attendance_total", "sum"),
                                       women=("attendance_women", "sum"), received=("proposals_received", "sum"),
                                       adopted=("proposals_adopted", "sum")).reset_index()
    out["women_pct"] = [p.share_pct(w, a) for w, a in zip(out["women"], out["attendance"])]
    out["adopted_pct"] = [p.share_pct(a, r) for a, r in zip(out["adopted"], out["received"])]
    return out.drop(columns=["women"]).sort_values("quarter").reset_index(drop=True)


def facility_table(feedback: pd.DataFrame, name: str, fiscal_year: str, source_rows: pd.DataFrame,
                   by: list[str]) -> ExportTable:
    summary = p.facility_summary(feedback, by)
    if "county_code" in by:
        summary.insert(0, "county_name", summary["county_code"].map(COUNTIES))
    shown = pd.DataFrame({
        **({_("County"): summary["county_name"]} if "county_code" in by else {}),
        **({_("Facility type"): terms(summary["facility_type"])} if "facility_type" in by else {}),
        _("Facilities"): summary["facilities"], _("Received"): summary["received"].map(formatting.number),
        _("Resolved"): summary["resolved"].map(formatting.number),
        _("Resolved %"): summary["resolved_pct"].map(formatting.pct),
        _("Median days to resolve"): summary["median_days_to_resolve"].map(lambda v: formatting.number(v, 1))})
    stem = file_stem(name, _("facility-feedback"), _("by-county-and-type") if "county_code" in by else _("by-type"),
                     fiscal_year)
    return ExportTable(shown, summary, stem, citation(source_rows), is_demo(source_rows))


def document_statuses(documents: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Return every document the records cover, with its deadline, status and lateness."""
    if documents.empty:
        return documents.assign(deadline=None, status=None, days_late=None)
    return p.document_statuses(documents, as_of)


def documents_table(statuses: pd.DataFrame, name: str, source_rows: pd.DataFrame) -> ExportTable:
    """Return documents × fiscal years, each cell 'on time', 'late by N days' or 'not published' (from generated
    records: 'would be late by N days')."""
    demo = generated_by_source(statuses, source_rows)
    labels = statuses.assign(label=[f"{STATUS_ICONS[s].split(' ')[0]} {status_words(s, d, g)}" for s, d, g in
                                    zip(statuses["status"], statuses["days_late"], demo)])
    grid = labels.pivot_table(index="document", columns="fiscal_year", values="label", aggfunc="first")
    grid = grid.reindex([d for d in BUDGET_DOCUMENTS if d in grid.index]).fillna("– " + _("no record"))
    deadlines = [_(p.DEADLINE_OF[d].rule) for d in grid.index]
    shown = grid.reset_index().rename(columns={"document": _("Document")})
    shown[_("Document")] = shown[_("Document")].map(_)  # the names as the law gives them, in the chosen language
    shown[_("Legal deadline")] = deadlines
    data = statuses[["county_code", "fiscal_year", "document", "deadline", "published_date", "status", "days_late",
                     "url"]]
    return ExportTable(shown, data, file_stem(name, _("budget-documents")), citation(source_rows),
                       is_demo(source_rows))


def document_counts(statuses: pd.DataFrame) -> pd.DataFrame:
    """Return per county and fiscal year how many documents were on time, late and not published."""
    counts = statuses.pivot_table(index=["county_code", "fiscal_year"], columns="status", values="document",
                                  aggfunc="count", fill_value=0)
    for status in ("on time", "late", "not published"):
        if status not in counts.columns:
            counts[status] = 0
    out = counts[["on time", "late", "not published"]].reset_index()
    out.insert(1, "county_name", out["county_code"].map(COUNTIES))
    return out


def document_counts_table(statuses: pd.DataFrame, source_rows: pd.DataFrame) -> ExportTable:
    counts = document_counts(statuses)
    shown = counts.drop(columns=["county_code"]).rename(columns={
        "county_name": _("County"), "fiscal_year": _("Fiscal year"), "on time": _("On time"), "late": _("Late"),
        "not published": _("Not published")})
    return ExportTable(shown, counts, file_stem(_("budget-documents-by-county")), citation(source_rows),
                       is_demo(source_rows))


def records_as_of(source_rows: pd.DataFrame) -> date:
    """Return the latest as-of date of the records' sources: the day 'not published' is judged on."""
    return pd.Timestamp(source_rows["as_of"].max()).date()


def cycle_sentences(events: pd.DataFrame, demo: bool = False) -> str:
    """Return the documents-shared and feedback figures of the period as short Markdown lines, each marked when
    the events are generated (`demo`)."""
    docs, feedback = p.documents_summary(events), p.feedback_summary(events)
    shared = formatting.pct(docs["shared_pct"])
    lines = [_("**Documents shared beforehand** at {shared} of forums, a median {days} days before the forum; "
               "{short} of {noticed} gave less than 7 days' notice.").format(
        shared=shared, days=formatting.number(docs["median_days_before"]), short=docs["under_7_days"],
        noticed=docs["with_notice"]) if docs["median_days_before"] is not None else
             _("**Documents shared beforehand** at {shared} of forums.").format(shared=shared)]
    told = dict(told=feedback["with_feedback"], forums=feedback["events"])
    lines.append(_("**Feedback to participants** after {told} of {forums} forums, a median {days} days after the "
                   "forum.").format(days=formatting.number(feedback["median_days_to_feedback"]), **told)
                 if feedback["median_days_to_feedback"] is not None else
                 _("**Feedback to participants** after {told} of {forums} forums.").format(**told))
    stages = events.groupby("budget_stage")["event_id"].count().reindex(list(BUDGET_STAGES)).fillna(0).astype(int)
    held = ", ".join(f"{_(s)} ({n})" for s, n in stages.items() if n)
    missing = [_(s) for s, n in stages.items() if n == 0]
    lines.append(_("**Stages with forums:** {held}. No forum at: {missing}.").format(held=held,
                                                                                     missing=", ".join(missing))
                 if missing else _("**Stages with forums:** {held}.").format(held=held))
    return "\n\n".join(demonstration.mark(line, demo) for line in lines)


def cbts_table(scores: pd.DataFrame, name: str) -> ExportTable:
    shown = pd.DataFrame({
        _("Survey"): scores["survey_year"].map(lambda y: f"CBTS {y}"),
        _("Score /100"): scores["score_out_of_100"].map(lambda v: formatting.number(v, 0)),
        _("Rank of 47"): scores["rank"].map(lambda v: "–" if pd.isna(v) else f"{int(v)}"),
        _("Documents published"): scores["documents_published"].fillna("–"),
        _("As reported at"): scores["source_url"]})
    if len(scores["county_code"].unique()) > 1:
        shown.insert(0, _("County"), scores["county_code"].map(COUNTIES))
    return ExportTable(shown, scores, file_stem(name, _("budget-transparency-survey")),
                       citation(scores.assign(source_id="cbts").head(1)), is_demo(scores))


def missing_cbts_sentence(scores: pd.DataFrame, county_code: str | None, name: str) -> str:
    """Say which survey rounds have no published score for the county (never filled)."""
    rounds = set(range(2019, 2025))
    have = set(scores["survey_year"].astype(int)) if not scores.empty else set()
    missing = sorted(rounds - have)
    if not county_code:
        return ""
    if not have:
        return _("No County Budget Transparency Survey score for {name} was found in public reports for "
                 "2019–2024.").format(name=name)
    return _("No publicly reported score for {name} in {rounds}; the gaps are left empty.").format(
        name=name, rounds=", ".join(f"CBTS {y}" for y in missing)) if missing else ""


def target_codes() -> list[str]:
    return sorted(JDP_TARGETS, key=COUNTIES.get)


@dataclass
class Chart:
    """A figure with the file name its PNG download gets."""

    figure: object
    file_stem: str


@dataclass
class ParticipationView:
    """Everything the Participation page shows for a county (or all 47) and fiscal year, built without Streamlit."""

    name: str
    fiscal_year: str
    source: str
    is_demo: bool
    has_events: bool
    cards: list[Card] = field(default_factory=list)
    ward_summary: pd.DataFrame | None = None
    ward_chart: Chart | None = None
    ward_table: ExportTable | None = None
    representation_chart: Chart | None = None
    representation_table: ExportTable | None = None
    funnel_chart: Chart | None = None
    cycle_text: str = ""
    coverage_chart: Chart | None = None
    targets_chart: Chart | None = None
    comparison_table: ExportTable | None = None
    quarterly_chart: Chart | None = None


def participation_view(query: Callable[..., pd.DataFrame], county_code: str | None,
                       fiscal_year: str) -> ParticipationView:
    """Return the Participation page's figures, tables and sentences; `query` runs a named warehouse query."""
    from jdp_analytics.participation import charts

    name = COUNTIES[county_code] if county_code else _("All 47 counties")
    start, end = p.fiscal_year_bounds(fiscal_year)
    sources = query("participation_sources")
    events = query("participation_events", county_code=county_code or "", start=start, end=end)
    groups, all_wards = query("population_groups"), query("wards")
    wards = all_wards[all_wards["county_code"] == county_code] if county_code else all_wards
    event_sources = sources_of(sources, "fact_participation_event", events["source_id"])
    if not county_code and not events.empty:  # what the figures cover, counted from the rows
        name = demonstration.coverage(events["county_code"])
    census = sources_of(sources, "fact_county_population_group")
    source, demo = citation(event_sources), is_demo(sources_of(sources, "fact_participation_event"))
    view = ParticipationView(name, fiscal_year, source, demo, not events.empty)
    if county_code:
        history = query("participation_events", county_code=county_code, start=HISTORY_START, end=end)
        if not history.empty:
            view.quarterly_chart = Chart(charts.quarterly_trend(quarterly(history), name, citation(sources_of(
                sources, "fact_participation_event", history["source_id"]))), file_stem(name, _("quarterly")))
    if events.empty:
        return view
    view.cards = headline_cards(events, wards, groups, county_code, fiscal_year, source, is_demo(event_sources))
    if county_code:
        view.ward_summary = ward_summary(events, wards)
        view.ward_chart = Chart(charts.ward_forums(view.ward_summary, name, fiscal_year, source),
                                file_stem(name, _("forums"), fiscal_year))
        view.ward_table = ward_table(view.ward_summary, name, fiscal_year, event_sources)
        view.coverage_chart = Chart(charts.stage_coverage(p.stage_coverage(events, view.ward_summary), name,
                                                          fiscal_year, source),
                                    file_stem(name, _("budget-cycle-coverage"), fiscal_year))
    rep = p.representation(events, shares_of(groups, county_code))
    view.representation_chart = Chart(charts.representation(rep, name, fiscal_year,
                                                            _("{source} Population: {census}").format(
                                                                source=source, census=citation(census))),
                                      file_stem(name, _("representation"), fiscal_year))
    view.representation_table = representation_table(rep, name, fiscal_year, event_sources, census)
    view.funnel_chart = Chart(charts.proposal_funnel(p.funnel(events), name, fiscal_year, source),
                              file_stem(name, _("proposals"), fiscal_year))
    view.cycle_text = cycle_sentences(events, is_demo(event_sources))
    everywhere = events if county_code is None else query("participation_events", county_code="", start=start,
                                                          end=end)
    comparison = county_comparison(everywhere, all_wards, groups, target_codes())
    view.targets_chart = Chart(charts.target_comparison(comparison, county_code, fiscal_year, source),
                               file_stem(_("participation-targets"), fiscal_year))
    view.comparison_table = comparison_table(comparison, fiscal_year, event_sources)
    return view


def targets_accountability(feedback: pd.DataFrame, documents: pd.DataFrame, sources: pd.DataFrame,
                           fiscal_year: str) -> ExportTable | None:
    """Return the target counties' accountability table from all counties' facility and document records, judged
    on the as-of date of those records; None when there are none."""
    records = pd.concat([sources_of(sources, "fact_facility_feedback", feedback["source_id"]),
                         sources_of(sources, "fact_budget_document", documents["source_id"])])
    if records.empty:
        return None
    statuses = document_statuses(documents, records_as_of(records))
    return accountability_comparison(feedback, statuses, fiscal_year, records)


def accountability_comparison(feedback: pd.DataFrame, statuses: pd.DataFrame, fiscal_year: str,
                              source_rows: pd.DataFrame) -> ExportTable:
    """Return the target counties side by side: complaints resolved, days to resolve, documents on time."""
    codes = target_codes()
    facilities = p.facility_summary(feedback, ["county_code"]).set_index("county_code").reindex(codes)
    year = statuses[statuses["fiscal_year"] == fiscal_year] if not statuses.empty else statuses
    documents = (document_counts(year).set_index("county_code").reindex(codes) if not year.empty
                 else pd.DataFrame(index=codes, columns=["on time", "late", "not published"]))
    data = pd.DataFrame({
        "county_code": codes, "county_name": [COUNTIES[c] for c in codes],
        "cases_received": facilities["received"].to_numpy(), "cases_resolved": facilities["resolved"].to_numpy(),
        "resolved_pct": facilities["resolved_pct"].to_numpy(),
        "median_days_to_resolve": facilities["median_days_to_resolve"].to_numpy(),
        "documents_on_time": documents["on time"].to_numpy(), "documents_late": documents["late"].to_numpy(),
        "documents_not_published": documents["not published"].to_numpy()})
    shown = pd.DataFrame({
        _("County"): data["county_name"], _("Complaints resolved"): data["resolved_pct"].map(formatting.pct),
        _("Median days to resolve"): data["median_days_to_resolve"].map(lambda v: formatting.number(v, 1)),
        _("Documents on time"): data["documents_on_time"].map(formatting.number),
        _("Late"): data["documents_late"].map(formatting.number),
        _("Not published"): data["documents_not_published"].map(formatting.number)})
    return ExportTable(shown, data, file_stem(_("accountability-target-counties"), fiscal_year),
                       citation(source_rows),
                       is_demo(source_rows))


def facility_map_areas(wards: pd.DataFrame, county_outlines: pd.DataFrame, county_code: str,
                       boundary_caption: str) -> tuple[pd.DataFrame, str]:
    """Return the polygons drawn under a county's facilities (its wards in force, else its outline) with the
    caption naming whose boundaries they are."""
    if not wards.empty:
        return wards.rename(columns={"ward_name": "name"}), boundary_caption
    outline = county_outlines[county_outlines["county_code"] == county_code].rename(columns={"county_name": "name"})
    if outline.empty:
        return outline, ""
    first = outline.iloc[0]
    return outline, _("County outline: {publisher} (licence: {licence}).").format(publisher=first["publisher"],
                                                                                  licence=first["licence"])
