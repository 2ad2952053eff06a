"""Checks of the assembly's amendments against the county's budget: a vote's spelling resolved to the budget's own,
and an approved amount refused on a vote (or programme) the county's budget for the year lacks. The same question is
asked when a file is checked (`check_amendments`, before schema validation) and again inside the load's transaction
(`RULES`, through the registry), so rows loaded in between cannot slip past. Each problem names the row and column."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common.i18n import _
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.geography.names import UnknownNameError, sector_name
from jdp_analytics.oversight.tables import WHOLE_VOTE
from jdp_analytics.warehouse.area import Broken
from jdp_analytics.warehouse.schema import Problem

# The county's budget as votes and programmes: the sectors of its budget lines and the votes of its line items.
BUDGET_VOTES = ("(SELECT county_code, fiscal_year, sector AS vote, programme FROM fact_budget_line UNION "
                "SELECT county_code, fiscal_year, vote, programme FROM fact_budget_item)")


def missing_vote(county: str, fiscal_year: str, vote: str) -> tuple[str, str]:
    """The message and fix for an approved amount on a vote the county's budget lacks."""
    return (_("{county}'s budget for FY {year} has no vote {vote!r}: an approved amount must be on one of its "
              "votes.").format(county=COUNTIES.get(county, county), year=fiscal_year, vote=vote),
            _("use a vote of the county's budget (see Budget composition), or load the budget first (upload kind "
              "budget_lines or budget_items)."))


def missing_programme(county: str, fiscal_year: str, vote: str, programme: str) -> tuple[str, str]:
    """The message and fix for an approved amount on a programme the vote lacks."""
    return (_("{county}'s budget for FY {year} has no programme {programme!r} under the vote {vote!r}.").format(
        county=COUNTIES.get(county, county), year=fiscal_year, programme=programme, vote=vote),
        _("use a programme of that vote, or 'all' for the vote as a whole."))


def _votes(con) -> pd.DataFrame:
    return con.execute(f"SELECT DISTINCT county_code, fiscal_year, vote, programme FROM {BUDGET_VOTES}").df()


def _approved(value) -> bool:
    number = pd.to_numeric(pd.Series([str(value).replace(",", "")]), errors="coerce").iloc[0]
    return bool(pd.notna(number) and number > 0)


def check_amendments(frame: pd.DataFrame, con, file: str, first_row: int) -> tuple[pd.DataFrame, list[Problem]]:
    """Write each vote in the budget's spelling for its county and year; an approved amount on a vote or programme
    the budget lacks is a problem (an amount the assembly cut to nothing may name a vote the budget no longer has)."""
    if not {"county_code", "fiscal_year", "vote"} <= set(frame.columns):
        return frame, []  # validation reports the missing column
    frame = frame.copy()
    budget = _votes(con)
    votes = budget.groupby(["county_code", "fiscal_year"])["vote"].agg(lambda s: sorted(set(s))).to_dict()
    programmes = set(zip(budget["county_code"], budget["fiscal_year"], budget["vote"], budget["programme"]))
    problems = []
    for idx, row in frame.iterrows():
        county, year, given = row["county_code"], row["fiscal_year"], row["vote"]
        if pd.isna(given) or not str(given).strip() or pd.isna(county) or pd.isna(year):
            continue
        approved = _approved(row.get("approved_kes"))
        try:
            vote = sector_name(str(given), votes.get((county, year), []))
        except UnknownNameError:
            if approved:
                message, fix = missing_vote(county, year, str(given).strip())
                problems.append(Problem(file, idx + first_row, "vote", str(given), message, fix))
            continue
        frame.at[idx, "vote"] = vote
        programme = row.get("programme")
        if (approved and pd.notna(programme) and str(programme).strip() not in ("", WHOLE_VOTE)
                and (county, year, vote, str(programme).strip()) not in programmes):
            message, fix = missing_programme(county, year, vote, str(programme).strip())
            problems.append(Problem(file, idx + first_row, "programme", str(programme), message, fix))
    return frame, problems


KEY = "a.county_code, a.fiscal_year, a.estimates, a.vote, a.programme"


def _amendments_broken(con, load_id: str) -> list[Broken]:
    """The rows of load `load_id` with an approved amount on a vote, or a programme, the county's budget lacks."""
    found = []
    for key in con.execute(
            f"SELECT {KEY} FROM fact_budget_amendment a WHERE a.load_id = ? AND a.approved_kes > 0 "
            f"AND NOT EXISTS (SELECT 1 FROM {BUDGET_VOTES} b WHERE b.county_code = a.county_code "
            f"AND b.fiscal_year = a.fiscal_year AND b.vote = a.vote) ORDER BY ALL", [load_id]).fetchall():
        message, fix = missing_vote(key[0], key[1], key[3])
        found.append(Broken(tuple(key), "vote", key[3], message, fix))
    for key in con.execute(
            f"SELECT {KEY} FROM fact_budget_amendment a WHERE a.load_id = ? AND a.approved_kes > 0 "
            f"AND a.programme <> ? AND EXISTS (SELECT 1 FROM {BUDGET_VOTES} b WHERE b.county_code = a.county_code "
            f"AND b.fiscal_year = a.fiscal_year AND b.vote = a.vote) AND NOT EXISTS (SELECT 1 FROM {BUDGET_VOTES} b "
            f"WHERE b.county_code = a.county_code AND b.fiscal_year = a.fiscal_year AND b.vote = a.vote "
            f"AND b.programme = a.programme) ORDER BY ALL", [load_id, WHOLE_VOTE]).fetchall():
        message, fix = missing_programme(key[0], key[1], key[3], key[4])
        found.append(Broken(tuple(key), "programme", key[4], message, fix))
    return found


RULES = {"fact_budget_amendment": _amendments_broken}
