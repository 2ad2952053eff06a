"""The project's own vocabularies in Kiswahili: one lookup from each English term the app owns to its Kiswahili form.

The app's sentences go through the gettext catalog (`_()`); the values it draws from tables do not. Where a value is
the project's own (an indicator name of the SDG catalogue, a demonstration generator's programme line, a status of
the results framework …) the list that defines it keeps the Kiswahili form beside the English one, and this module
gathers those lists into one lookup. Views, tables, charts and documents call `term()` (or `terms()`,
`translate_values()`) where they lay out a value. Any other value, such as a name a county loaded, passes through
unchanged: a county's figures keep the names it gave them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pandas as pd

from jdp_analytics.assessment import demo as assessment_demo
from jdp_analytics.assessment import framework as assessment_framework
from jdp_analytics.budget import demo as budget_demo
from jdp_analytics.budget import demo_items
from jdp_analytics.common import i18n
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS
from jdp_analytics.oversight import demo as oversight_demo
from jdp_analytics.participation import demo as participation_demo
from jdp_analytics.participation import tables as participation_tables
from jdp_analytics.proposals import demo as proposals_demo
from jdp_analytics.proposals import tables as proposals_tables
from jdp_analytics.results import demo as results_demo
from jdp_analytics.warehouse.sources import census_sdg, kdhs, sdg_catalogue

# Owned terms whose Kiswahili form is the English one: codes and proper names.
SAME_IN_BOTH = frozenset({"ECDE"})


def vocabularies() -> dict[str, dict[str, str]]:
    """Return every owned list by its name: {English term: Kiswahili form}, gathered from where each is defined."""
    census = {d.name: census_sdg.NAMES_SW[d.code] for d in census_sdg.DERIVATIONS}
    return {
        "SDG catalogue: UN global indicator names": {
            name: sdg_catalogue.NAMES_SW[code] for code, name, *_details in sdg_catalogue.GLOBAL_INDICATORS},
        "SDG catalogue: KDHS 2022 indicator names": dict(kdhs.LABELS_SW),
        "SDG catalogue: census 2019 indicator names": census,
        "SDG catalogue: units": dict(sdg_catalogue.UNITS_SW),
        "SDG catalogue: populations": {**kdhs.POPULATIONS_SW, **census_sdg.POPULATIONS_SW},
        "Results framework: results": {row[3]: results_demo.RESULTS_SW[row[0]] for row
                                       in results_demo.RESULTS},
        "Results framework: indicator names": {row[2]: results_demo.INDICATORS_SW[row[0]][0]
                                               for row in results_demo.INDICATORS},
        "Results framework: means of verification": {row[7]: results_demo.INDICATORS_SW[row[0]][1]
                                                     for row in results_demo.INDICATORS},
        "Results framework: units": dict(results_demo.UNITS_SW),
        "Budget composition: sectors": dict(budget_demo.SECTORS_SW),
        "Budget composition: programmes": dict(budget_demo.PROGRAMMES_SW),
        "Budget line items (national-scale demonstration): votes": dict(demo_items.VOTES_SW),
        "Budget line items (national-scale demonstration): programmes": {
            **demo_items.PROGRAMMES_SW, **demo_items.SUB_PROGRAMMES_SW},
        "Budget line items (national-scale demonstration): economic items": dict(demo_items.ECONOMIC_ITEMS_SW),
        "Proposals: decisions": dict(proposals_tables.DECISIONS_SW),
        "Proposals: decision reasons": dict(proposals_demo.REASONS_SW),
        "Proposals: ward project statuses": dict(proposals_tables.PROJECT_STATUSES_SW),
        "Facilities: types": dict(participation_tables.FACILITY_TYPES_SW),
        "Facilities: feedback channels": dict(participation_tables.FEEDBACK_CHANNELS_SW),
        "Programme finance: contract types": dict(results_demo.CONTRACT_TYPES_SW),
        "Programme finance: contract titles": {
            plan[0].format(COUNTIES[county]): results_demo.OUTPUT_TITLES_SW[output].format(COUNTIES[county])
            for output, plan in results_demo.OUTPUT_PLANS.items() for county in JDP_TARGETS},
        "Sources: the demonstration generators and the default assessment framework": {
            english: swahili for module in (participation_demo, budget_demo, results_demo, proposals_demo,
                                            oversight_demo, assessment_demo, assessment_framework)
            for english, swahili in module.SOURCE_ROW_SW.items()} | demo_items.SOURCE_TITLES_SW,
        "Assessment: demonstration evidence": {
            assessment_demo.EVIDENCE.format(code=row[0], round=round_): assessment_demo.EVIDENCE_SW.format(
                code=row[0], round=round_) for row in assessment_framework.INDICATORS
            for round_, _start in assessment_demo.ROUNDS},
    }


@cache
def kiswahili() -> dict[str, str]:
    """Return the one lookup: every owned English term with its Kiswahili form."""
    found: dict[str, str] = {}
    for name, entries in vocabularies().items():
        for english, swahili in entries.items():
            if found.get(english, swahili) != swahili:
                raise ValueError(f"vocabulary {name!r}: {english!r} is {swahili!r} here but {found[english]!r} in "
                                 "another list; give one Kiswahili form")
            found[english] = swahili
    return found


def term(value, lang: str | None = None):
    """Return an owned term in `lang` (default: the current language); any other value unchanged."""
    if (lang or i18n.language()) == i18n.DEFAULT or not isinstance(value, str):
        return value
    return kiswahili().get(value, value)


def terms(values: Iterable, lang: str | None = None) -> list:
    """Return `term()` of each value, in order."""
    return [term(value, lang) for value in values]


def translate_values(frame: pd.DataFrame, columns: Iterable[str], lang: str | None = None) -> pd.DataFrame:
    """Return a copy of `frame` whose `columns` show owned terms in `lang`; other values are kept as they are."""
    return frame.assign(**{column: terms(frame[column], lang) for column in columns})
