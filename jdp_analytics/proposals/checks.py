"""Checks of proposal, ward-project and link files against what the warehouse already holds: sector spellings
resolved to the budget's own, programmes that must be budget lines of the county and year, and amounts linked to
one budget line that must not exceed it. Called by the loader before schema validation; each problem names the
row and column."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import N_, _
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.geography.names import UnknownNameError, sector_name
from jdp_analytics.warehouse.schema import Problem

LINE_SLACK_KES = 1  # a shilling of rounding, as the schema's at-most rules allow


def _lines(con) -> pd.DataFrame:
    return con.execute("SELECT county_code, fiscal_year, sector, programme, approved_development_kes + "
                       "approved_recurrent_kes AS approved_kes FROM fact_budget_line").df()


def _amount(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values.astype("string").str.replace(",", "", regex=False), errors="coerce")


def _resolve_sectors(frame: pd.DataFrame, lines: pd.DataFrame, file: str, first_row: int) -> list[Problem]:
    """Rewrite each row's sector in the budget's spelling for its county and year; unknown ones are problems."""
    if not {"county_code", "fiscal_year", "sector"} <= set(frame.columns):
        return []  # validation reports the missing column
    problems, everywhere = [], sorted(set(lines["sector"]))
    by_year = lines.groupby(["county_code", "fiscal_year"])["sector"].agg(lambda s: sorted(set(s))).to_dict()
    for idx, (county, year, given) in frame[["county_code", "fiscal_year", "sector"]].iterrows():
        if pd.isna(given) or str(given).strip() == "":
            continue
        try:
            frame.at[idx, "sector"] = sector_name(given, by_year.get((county, year), everywhere))
        except UnknownNameError as err:
            fix = (_("use one of: {names}.").format(names=", ".join(err.suggestions)) if err.suggestions
                   else _("check the spelling."))
            problems.append(Problem(file, idx + first_row, "sector", str(given),
                                    _("no sector of the county's budget is called that."), fix))
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
        for idx, (county, year, programme) in frame[["county_code", "fiscal_year", "programme"]].iterrows():
            if pd.notna(programme) and str(programme).strip() and (county, year, str(programme).strip()) \
                    not in programmes:
                problems.append(_missing_programme(county, year, programme, idx, file, first_row))
    if {"county_code", "event_id"} <= set(frame.columns):
        events = dict(con.execute("SELECT event_id, county_code FROM fact_participation_event").fetchall())
        for idx, (county, event) in frame[["county_code", "event_id"]].iterrows():
            if pd.notna(event) and event in events and events[event] != county:
                problems.append(Problem(file, idx + first_row, "event_id", str(event),
                                        _("the forum was held in county {forum}, not {county}.").format(
                                            forum=events[event], county=county),
                                        _("give a forum of the proposal's own county, or leave it empty.")))
    return frame, problems


def _over_the_line(frame: pd.DataFrame, amount: str, existing: pd.DataFrame, lines: pd.DataFrame, file: str,
                   first_row: int, what: str) -> list[Problem]:
    """Return a problem on each row of a line whose amounts (these rows and those already loaded) exceed it."""
    keys = ["county_code", "fiscal_year", "sector", "programme"]
    incoming = frame[keys].assign(amount=_amount(frame[amount]))
    total = pd.concat([incoming, existing[keys + ["amount"]]]).groupby(keys)["amount"].sum()
    approved = lines.set_index(keys)["approved_kes"]
    problems = []
    for idx, row in incoming.iterrows():
        key = tuple(row[k] for k in keys)
        if key in approved.index and pd.notna(row["amount"]) and total[key] > approved[key] + LINE_SLACK_KES:
            problems.append(Problem(file, idx + first_row, amount, str(frame.at[idx, amount]),
                                    _(what).format(total=f"{total[key]:,.0f}", approved=f"{approved[key]:,.0f}"),
                                    _("the amounts are parts of the line; correct them or the budget line.")))
    return problems


def _line_problems(frame: pd.DataFrame, lines: pd.DataFrame, file: str, first_row: int) -> list[Problem]:
    known = set(zip(lines["county_code"], lines["fiscal_year"], lines["sector"], lines["programme"]))
    problems = []
    for idx, (county, year, sector, programme) in frame[["county_code", "fiscal_year", "sector",
                                                         "programme"]].iterrows():
        if pd.notna(programme) and (county, year, sector, programme) not in known:
            problems.append(_missing_programme(county, year, programme, idx, file, first_row, sector))
    return problems


def check_links(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Resolve sectors; each link must name a budget line; the amounts linked to a line must not exceed it."""
    frame = frame.copy()
    lines = _lines(con)
    problems = _resolve_sectors(frame, lines, file, first_row)
    if not {"county_code", "fiscal_year", "sector", "programme", "allocated_kes"} <= set(frame.columns):
        return frame, problems
    problems += _line_problems(frame, lines, file, first_row)
    existing = con.execute("SELECT proposal_id, county_code, fiscal_year, sector, programme, allocated_kes AS amount "
                           "FROM fact_proposal_link").df()
    replaced = set(zip(frame.get("proposal_id", []), frame["fiscal_year"], frame["programme"]))
    existing = existing[[k not in replaced for k in zip(existing["proposal_id"], existing["fiscal_year"],
                                                        existing["programme"])]]
    problems += _over_the_line(frame, "allocated_kes", existing, lines, file, first_row, N_(
        "the amounts of proposals linked to this budget line add up to KES {total}, more than the line's approved "
        "KES {approved}."))
    if "proposal_id" in frame.columns:
        counties = dict(con.execute("SELECT proposal_id, county_code FROM fact_proposal").fetchall())
        for idx, (proposal, county) in frame[["proposal_id", "county_code"]].iterrows():
            if proposal in counties and counties[proposal] != county:
                problems.append(Problem(file, idx + first_row, "proposal_id", str(proposal),
                                        _("the proposal is from county {proposal}, not {county}.").format(
                                            proposal=counties[proposal], county=county),
                                        _("link a proposal to a budget line of its own county.")))
    return frame, problems


def check_projects(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Resolve sectors; each project's programme must be a budget line; projects must not exceed the line."""
    frame = frame.copy()
    lines = _lines(con)
    problems = _resolve_sectors(frame, lines, file, first_row)
    if not {"county_code", "fiscal_year", "sector", "programme", "approved_kes"} <= set(frame.columns):
        return frame, problems
    problems += _line_problems(frame, lines, file, first_row)
    existing = con.execute("SELECT project_id, county_code, fiscal_year, sector, programme, approved_kes AS amount "
                           "FROM fact_ward_project").df()
    existing = existing[~existing["project_id"].isin(set(frame.get("project_id", [])))]
    problems += _over_the_line(frame, "approved_kes", existing, lines, file, first_row, N_(
        "the ward projects linked to this budget line add up to KES {total}, more than the line's approved KES "
        "{approved}."))
    return frame, problems
