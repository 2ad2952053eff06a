"""Checks of proposal, ward-project and link files against what the warehouse already holds: sector spellings
resolved to the budget's own and programmes that must be budget lines of the county and year (called by the loader
before schema validation); then the rules between kinds (`RULES`: amounts within their line and project, no
money on a rejected proposal, years in order, links of one county) and keys that belong to one county
(`county_key_clashes`), which the loader runs when a file is checked and again inside its load's transaction. Each
problem names the row and column."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import _
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.geography.names import UnknownNameError, sector_name
from jdp_analytics.proposals.tables import REJECTED
from jdp_analytics.warehouse.area import Broken
from jdp_analytics.warehouse.schema import Problem

LINE_SLACK_KES = 1  # a shilling of rounding, as the schema's at-most rules allow


def _lines(con) -> pd.DataFrame:
    return con.execute("SELECT county_code, fiscal_year, sector, programme, approved_development_kes + "
                       "approved_recurrent_kes AS approved_kes FROM fact_budget_line").df()


def _resolve_sectors(frame: pd.DataFrame, lines: pd.DataFrame, file: str, first_row: int) -> list[Problem]:
    """Rewrite each row's sector in the budget's spelling for its county and year; unknown ones are problems. Each
    distinct (county, year, spelling) is resolved once: a file of a million rows names a few dozen."""
    if not {"county_code", "fiscal_year", "sector"} <= set(frame.columns):
        return []  # validation reports the missing column
    problems, everywhere = [], sorted(set(lines["sector"]))
    by_year = lines.groupby(["county_code", "fiscal_year"])["sector"].agg(lambda s: sorted(set(s))).to_dict()
    given = frame["sector"]
    rows = frame.loc[given.notna() & (given.astype("string").str.strip() != ""), ["county_code", "fiscal_year",
                                                                                   "sector"]]
    answers: dict[tuple, str | UnknownNameError] = {}
    places, spellings = [], []
    for idx, key in zip(rows.index, rows.itertuples(index=False, name=None)):
        if key not in answers:
            county, year, name = key
            try:
                answers[key] = sector_name(name, by_year.get((county, year), everywhere))
            except UnknownNameError as err:
                answers[key] = err
        answer = answers[key]
        if isinstance(answer, UnknownNameError):
            fix = (_("use one of: {names}.").format(names=", ".join(answer.suggestions)) if answer.suggestions
                   else _("check the spelling."))
            problems.append(Problem(file, idx + first_row, "sector", str(key[2]),
                                    _("no sector of the county's budget is called that."), fix))
        else:
            places.append(idx)
            spellings.append(answer)
    if places:
        frame.loc[places, "sector"] = spellings
    return problems


def _missing_programme(county, year, programme, idx, file, first_row, sector=None) -> Problem:
    place = f"{COUNTIES.get(county, county)} FY {year}" + (f", sector {sector}" if sector else "")
    return Problem(file, idx + first_row, "programme", str(programme),
                   _("the programme is not a budget line of {place}.").format(place=place),
                   _("use a programme of the county's budget for that year (see Budget composition), or load the "
                   "budget lines first (upload kind budget_lines)."))


def check_proposals(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Resolve sectors; a named programme must be a budget line of the county and year; a forum must be the
    county's."""
    frame = frame.copy()
    lines = _lines(con)
    problems = _resolve_sectors(frame, lines, file, first_row)
    programmes = set(zip(lines["county_code"], lines["fiscal_year"], lines["programme"]))
    if {"county_code", "fiscal_year", "programme"} <= set(frame.columns):
        rows = frame[["county_code", "fiscal_year", "programme"]]
        for idx, (county, year, programme) in zip(rows.index, rows.itertuples(index=False, name=None)):
            if pd.notna(programme) and str(programme).strip() and (county, year, str(programme).strip()) \
                    not in programmes:
                problems.append(_missing_programme(county, year, programme, idx, file, first_row))
    if {"county_code", "event_id"} <= set(frame.columns):
        events = dict(con.execute("SELECT event_id, county_code FROM fact_participation_event").fetchall())
        rows = frame[["county_code", "event_id"]]
        for idx, (county, event) in zip(rows.index, rows.itertuples(index=False, name=None)):
            if pd.notna(event) and event in events and events[event] != county:
                problems.append(Problem(file, idx + first_row, "event_id", str(event),
                                        _("the forum was held in county {forum}, not {county}.").format(
                                            forum=events[event], county=county),
                                        _("give a forum of the proposal's own county, or leave it empty.")))
    return frame, problems


def _line_problems(frame: pd.DataFrame, lines: pd.DataFrame, file: str, first_row: int) -> list[Problem]:
    known = set(zip(lines["county_code"], lines["fiscal_year"], lines["sector"], lines["programme"]))
    problems = []
    rows = frame[["county_code", "fiscal_year", "sector", "programme"]]
    for idx, (county, year, sector, programme) in zip(rows.index, rows.itertuples(index=False, name=None)):
        if pd.notna(programme) and (county, year, sector, programme) not in known:
            problems.append(_missing_programme(county, year, programme, idx, file, first_row, sector))
    return problems


def check_links(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Resolve sectors; each link must name a budget line (the rules between kinds follow, see `RULES`)."""
    frame = frame.copy()
    lines = _lines(con)
    problems = _resolve_sectors(frame, lines, file, first_row)
    if {"county_code", "fiscal_year", "sector", "programme"} <= set(frame.columns):
        problems += _line_problems(frame, lines, file, first_row)
    return frame, problems


def check_projects(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Resolve sectors; each project's programme must be a budget line (the rules between kinds follow)."""
    frame = frame.copy()
    lines = _lines(con)
    problems = _resolve_sectors(frame, lines, file, first_row)
    if {"county_code", "fiscal_year", "sector", "programme"} <= set(frame.columns):
        problems += _line_problems(frame, lines, file, first_row)
    return frame, problems


# Rules between kinds, checked inside the load's transaction ---------------------------------------------------------
# The loader inserts a file's rows into its copy of the warehouse, then asks the registry's `broken_rules` which of
# them break a rule with the rows of another kind as stored: whichever kind arrives second is checked against the
# first, and a broken rule rolls the whole load back. Each rule is one query; each finding names the arriving row by
# its key.

def _place(code) -> str:
    return f"{COUNTIES.get(code, code)} ({code})"


def _kes(amount) -> str:
    return f"{float(amount):,.0f}"


LINE = ("county_code", "fiscal_year", "sector", "programme")
_APPROVED = "b.approved_development_kes + b.approved_recurrent_kes"
_LINE_ON = " AND ".join(f"t.{c} = b.{c}" for c in LINE)
_LINKS_PER_LINE = f"(SELECT {', '.join(LINE)}, sum(allocated_kes) AS total FROM fact_proposal_link GROUP BY ALL)"
_PROJECTS_PER_LINE = f"(SELECT {', '.join(LINE)}, sum(approved_kes) AS total FROM fact_ward_project GROUP BY ALL)"
_LINKS_PER_PROJECT = "(SELECT project_id, sum(allocated_kes) AS total FROM fact_proposal_link " \
                     "WHERE project_id IS NOT NULL GROUP BY ALL)"
_MONEY = "(coalesce(l.allocated_kes, 0) > 0 OR coalesce(l.spent_kes, 0) > 0)"
LINK_KEY = "l.proposal_id, l.fiscal_year, l.programme"


def _links_broken(con, load_id: str) -> list[Broken]:
    found = []
    for (*key, allocated, total, approved) in con.execute(
            f"SELECT {LINK_KEY}, l.allocated_kes, t.total, {_APPROVED} FROM fact_proposal_link l "
            f"JOIN {_LINKS_PER_LINE} t USING ({', '.join(LINE)}) JOIN fact_budget_line b ON {_LINE_ON} "
            f"WHERE l.load_id = ? AND t.total > {_APPROVED} + {LINE_SLACK_KES}", [load_id]).fetchall():
        found.append(Broken(tuple(key), "allocated_kes", _kes(allocated), _(
            "the amounts of proposals linked to this budget line add up to KES {total}, more than the line's approved "
            "KES {approved}.").format(total=_kes(total), approved=_kes(approved)),
            _("the amounts are parts of the line; correct them or the budget line.")))
    for (*key, allocated, project, total, approved) in con.execute(
            f"SELECT {LINK_KEY}, l.allocated_kes, l.project_id, t.total, w.approved_kes FROM fact_proposal_link l "
            f"JOIN {_LINKS_PER_PROJECT} t USING (project_id) JOIN fact_ward_project w USING (project_id) "
            f"WHERE l.load_id = ? AND t.total > w.approved_kes + {LINE_SLACK_KES}", [load_id]).fetchall():
        found.append(Broken(tuple(key), "allocated_kes", _kes(allocated), _(
            "the amounts linked to ward project {project} add up to KES {total}, more than the project's approved "
            "KES {approved}.").format(project=project, total=_kes(total), approved=_kes(approved)),
            _("the amounts are parts of the project; correct them or the project's approved amount (upload kind "
              "ward_projects).")))
    for (*key, project, county, year, project_county, project_year) in con.execute(
            f"SELECT {LINK_KEY}, l.project_id, l.county_code, l.fiscal_year, w.county_code, w.fiscal_year "
            f"FROM fact_proposal_link l JOIN fact_ward_project w USING (project_id) WHERE l.load_id = ? AND "
            f"(w.county_code <> l.county_code OR w.fiscal_year <> l.fiscal_year)", [load_id]).fetchall():
        found.append(Broken(tuple(key), "project_id", str(project), _(
            "the ward project is of {project_place}, FY {project_year}; the link is for {place}, FY {year}.").format(
            project_place=_place(project_county), project_year=project_year, place=_place(county), year=year),
            _("link a ward project of the proposal's own county and year, or leave project_id empty.")))
    for (*key, county, proposal_county) in con.execute(
            f"SELECT {LINK_KEY}, l.county_code, p.county_code FROM fact_proposal_link l JOIN fact_proposal p "
            f"USING (proposal_id) WHERE l.load_id = ? AND p.county_code <> l.county_code", [load_id]).fetchall():
        found.append(Broken(tuple(key), "proposal_id", key[0], _(
            "the proposal is from county {proposal}, not {county}.").format(proposal=_place(proposal_county),
                                                                            county=_place(county)),
            _("link a proposal to a budget line of its own county.")))
    for (*key, allocated, proposal_year) in con.execute(
            f"SELECT {LINK_KEY}, l.allocated_kes, p.fiscal_year FROM fact_proposal_link l JOIN fact_proposal p "
            f"USING (proposal_id) WHERE l.load_id = ? AND p.decision = ? AND {_MONEY}",
            [load_id, REJECTED]).fetchall():
        found.append(Broken(tuple(key), "allocated_kes", _kes(allocated), _(
            "proposal {proposal} was rejected (FY {year}); no money can be linked to it.").format(
            proposal=key[0], year=proposal_year),
            _("leave the rejected proposal out of the links, or first load the county's corrected decision (upload "
              "kind proposals).")))
    for (*key, proposal_year) in con.execute(
            f"SELECT {LINK_KEY}, p.fiscal_year FROM fact_proposal_link l JOIN fact_proposal p USING (proposal_id) "
            f"WHERE l.load_id = ? AND l.fiscal_year < p.fiscal_year", [load_id]).fetchall():
        found.append(Broken(tuple(key), "fiscal_year", key[1], _(
            "the link is in FY {year}, before the proposal was made (FY {proposal_year}).").format(
            year=key[1], proposal_year=proposal_year),
            _("link the proposal to a budget of FY {proposal_year} or later, or correct the proposal's year.").format(
                proposal_year=proposal_year)))
    return found


def _proposals_broken(con, load_id: str) -> list[Broken]:
    found = []
    for proposal, total in con.execute(
            f"SELECT p.proposal_id, sum(l.allocated_kes) FROM fact_proposal p JOIN fact_proposal_link l "
            f"USING (proposal_id) WHERE p.load_id = ? AND p.decision = ? AND {_MONEY} GROUP BY ALL",
            [load_id, REJECTED]).fetchall():
        found.append(Broken((proposal,), "decision", REJECTED, _(
            "proposal links give the proposal KES {total} of the budget; a rejected proposal has no money.").format(
            total=_kes(total)),
            _("correct the decision, or first roll back or correct the proposal's links (upload kind "
              "proposal_links).")))
    for proposal, year, first in con.execute(
            "SELECT p.proposal_id, p.fiscal_year, min(l.fiscal_year) FROM fact_proposal p JOIN fact_proposal_link l "
            "USING (proposal_id) WHERE p.load_id = ? AND l.fiscal_year < p.fiscal_year GROUP BY ALL",
            [load_id]).fetchall():
        found.append(Broken((proposal,), "fiscal_year", year, _(
            "the proposal is linked to the budget of FY {first}, before FY {year}, the year it was made.").format(
            first=first, year=year),
            _("correct the proposal's year, or first correct its links (upload kind proposal_links).")))
    return found


def _projects_broken(con, load_id: str) -> list[Broken]:
    found = []
    for project, approved, total, line in con.execute(
            f"SELECT w.project_id, w.approved_kes, t.total, {_APPROVED} FROM fact_ward_project w "
            f"JOIN {_PROJECTS_PER_LINE} t USING ({', '.join(LINE)}) JOIN fact_budget_line b ON {_LINE_ON} "
            f"WHERE w.load_id = ? AND t.total > {_APPROVED} + {LINE_SLACK_KES}", [load_id]).fetchall():
        found.append(Broken((project,), "approved_kes", _kes(approved), _(
            "the ward projects linked to this budget line add up to KES {total}, more than the line's approved KES "
            "{approved}.").format(total=_kes(total), approved=_kes(line)),
            _("the amounts are parts of the line; correct them or the budget line.")))
    for project, approved, total in con.execute(
            f"SELECT w.project_id, w.approved_kes, t.total FROM fact_ward_project w JOIN {_LINKS_PER_PROJECT} t "
            f"USING (project_id) WHERE w.load_id = ? AND t.total > w.approved_kes + {LINE_SLACK_KES}",
            [load_id]).fetchall():
        found.append(Broken((project,), "approved_kes", _kes(approved), _(
            "proposal links allocate KES {total} of the project, more than this approved amount.").format(
            total=_kes(total)),
            _("correct the approved amount, or first lower the links' amounts (upload kind proposal_links).")))
    for project, county, year in con.execute(
            "SELECT DISTINCT w.project_id, w.county_code, w.fiscal_year FROM fact_ward_project w "
            "JOIN fact_proposal_link l USING (project_id) WHERE w.load_id = ? AND (l.county_code <> w.county_code "
            "OR l.fiscal_year <> w.fiscal_year)", [load_id]).fetchall():
        found.append(Broken((project,), "fiscal_year", year, _(
            "proposal links of another county or year point to this project, which is of {place}, FY {year}.").format(
            place=_place(county), year=year),
            _("keep the project's county and year, or first correct its links (upload kind proposal_links).")))
    return found


def _lines_broken(con, load_id: str) -> list[Broken]:
    found = []
    for what, per_line in (("links", _LINKS_PER_LINE), ("projects", _PROJECTS_PER_LINE)):
        for (*key, approved, total) in con.execute(
                f"SELECT {', '.join('b.' + c for c in LINE)}, {_APPROVED}, t.total FROM fact_budget_line b "
                f"JOIN {per_line} t ON {_LINE_ON} WHERE b.load_id = ? AND t.total > {_APPROVED} + {LINE_SLACK_KES}",
                [load_id]).fetchall():
            message = (_("the line's approved KES {approved} is less than the KES {total} that proposal links "
                         "hold on it.") if what == "links" else
                       _("the line's approved KES {approved} is less than the KES {total} of the ward projects it "
                         "funds."))
            fix = (_("correct the approved amounts, or first lower or roll back the links on this line (upload kind "
                     "proposal_links).") if what == "links" else
                   _("correct the approved amounts, or first lower or roll back the ward projects on this line (upload "
                     "kind ward_projects)."))
            found.append(Broken(tuple(key), "approved_development_kes + approved_recurrent_kes", _kes(approved),
                                message.format(approved=_kes(approved), total=_kes(total)), fix))
    return found


# The rule each table's loads are checked by (registered in proposals/area.py; the loader runs them through
# warehouse/registry.broken_rules).
RULES = {"fact_proposal_link": _links_broken, "fact_proposal": _proposals_broken,
         "fact_ward_project": _projects_broken, "fact_budget_line": _lines_broken}


PLACE_KEYS = {"county_code", "geo_code", "ward_code"}  # a key holding one of these names its county itself


def owns_county_keys(table) -> bool:
    """True for a table whose rows carry a county their key does not name (a bare id: proposal_id, event_id …)."""
    return "county_code" in table.column_names and not PLACE_KEYS & set(table.key)


def county_key_clashes(con, table, arriving: str, stored: str) -> list[Broken]:
    """Return the arriving rows whose key is stored for another county: a key belongs to one county, and loading the
    row would replace the other county's. `arriving` and `stored` are relations (the caller's, never a user's text)
    with the table's key and county_code; keys are compared as text."""
    if not owns_county_keys(table):
        return []
    keys = ", ".join(f"CAST({k} AS VARCHAR) AS {k}" for k in table.key)
    found = []
    for (*key, given, held) in con.execute(
            f"SELECT {', '.join('a.' + k for k in table.key)}, a.county_code, s.county_code "
            f"FROM (SELECT {keys}, county_code FROM {arriving}) a JOIN (SELECT {keys}, county_code FROM {stored}) s "
            f"USING ({', '.join(table.key)}) WHERE s.county_code IS DISTINCT FROM a.county_code "
            f"ORDER BY ALL").fetchall():
        named = ", ".join(table.key)
        value = " / ".join(key)
        found.append(Broken(tuple(key), named, value, _(
            "{key} {value} belongs to {held} in the warehouse; this row is for {given}, and loading it would replace "
            "{held}'s row.").format(key=named, value=value, held=_place(held), given=_place(given)),
            _("give the row an identifier of its own county (e.g. with the county's prefix), or correct the county; "
              "to move a row to another county, roll back the load that brought it first.")))
    return found
