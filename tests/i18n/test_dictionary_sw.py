"""The data dictionary in Kiswahili: descriptions, rules, format hints and word units are told in the page's
language; table and column names, types, unit symbols and the values a file must hold stay as they are."""

from __future__ import annotations

from jdp_analytics.common import i18n
from jdp_analytics.warehouse.catalog import TABLES, UNIT_WORDS, dictionary

UNIT_SYMBOLS = {"", "KES", "km²", "%"}


def test_every_unit_of_the_schema_is_a_symbol_or_a_word_the_catalog_translates():
    units = {c.unit or "" for table in TABLES.values() for c in table.columns}
    assert units - UNIT_SYMBOLS <= UNIT_WORDS, sorted(units - UNIT_SYMBOLS - UNIT_WORDS)


def test_the_dictionary_keeps_its_rows_and_names_and_translates_what_a_user_reads():
    with i18n.use("en"):
        english = dictionary()
    with i18n.use("sw"):
        kiswahili = dictionary()
    assert list(kiswahili.columns) == list(english.columns)  # keys of the frame, not headers: stay stable
    for key in ("table", "column", "type"):
        assert list(kiswahili[key]) == list(english[key])
    rows = kiswahili.set_index(["table", "column"])
    assert rows.loc[("fact_budget_execution", "fiscal_year"), "rules"] == "inahitajika; ufunguo; YYYY/YY, k.m. 2023/24"
    assert rows.loc[("fact_budget_execution", "county_code"), "rules"].endswith(
        "lazima iwepo katika dim_county.county_code")
    assert rows.loc[("dim_indicator", "unit"), "rules"] == (
        "inahitajika; moja kati ya percent, number, rate, score, KES")  # allowed values are what a file holds
    assert rows.loc[("dim_county", "population_2019"), "unit"] == "watu"
    assert rows.loc[("fact_budget_execution", "budget_kes"), "unit"] == "KES"
    changed = (kiswahili["description"] != english["description"]).mean()
    assert changed == 1.0, english.loc[kiswahili["description"] == english["description"], "description"].tolist()
