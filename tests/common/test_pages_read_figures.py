"""A figure a user reads on the pages that had none checked (Social accountability, Evidence gaps, Upload data, Load
history, Data & sources), for a target county (Kwale) and All 47, in English and Kiswahili, each computed here from
the stored rows rather than by the package."""

from __future__ import annotations

from datetime import date

import pytest

from jdp_analytics.common import formatting, i18n
from jdp_analytics.common.i18n import _
from jdp_analytics.warehouse import loader
from tests.shown import table_with

PLACES_AND_LANGUAGES = [pytest.param(county, lang, id=f"{county}-{lang}") for county in ("002", "all")
                        for lang in ("en", "sw")]
# Two county-years of the Controller of Budget's table as a county treasury would upload them: Kwale 2025/26 is new,
# Wajir 2013/14 replaces the published row.
UPLOAD = (b"county,fiscal_year,budget_kes,expenditure_kes,absorption_pct\n"
          b"Kwale,2025/26,100,50,50.0\nWajir,2013/14,200,100,50.0\n")


def said(lang: str, message: str, **values) -> str:
    """The message as the page says it in `lang`."""
    with i18n.use(lang):
        return _(message).format(**values)


def pct(lang: str, value: float) -> str:
    with i18n.use(lang):
        return formatting.pct(value)


@pytest.mark.parametrize(("county", "lang"), PLACES_AND_LANGUAGES)
def test_social_accountability_shows_the_share_of_kwales_complaints_resolved(reference, query, open_app, county,
                                                                              lang):
    [(resolved, received)] = query(reference, "SELECT sum(resolved), sum(received) FROM fact_facility_feedback "
                                              "WHERE county_code = '002' AND fiscal_year = '2024/25'")
    at = open_app("pages/accountability.py", county=county, fy="2024/25", demo="1", lang=lang)
    column = said(lang, "Complaints resolved")
    targets = table_with(at, column).set_index(said(lang, "County"))
    assert targets.loc["Kwale", column] == pct(lang, 100 * resolved / received)


@pytest.mark.parametrize(("county", "lang"), PLACES_AND_LANGUAGES)
def test_evidence_gaps_counts_the_indicators_kwale_has_no_value_for(reference, query, open_app, county, lang):
    # the catalogue's real indicators, and those with a value for Kwale in either indicator table
    [(total, with_value)] = query(reference, """
        WITH catalogue AS (SELECT indicator_code FROM dim_indicator JOIN source USING (source_id) WHERE NOT is_demo),
             kwale AS (SELECT indicator_code, source_id FROM fact_indicator WHERE county_code = '002' UNION ALL
                       SELECT indicator_code, source_id FROM fact_indicator_observation WHERE geo_code = '002')
        SELECT (SELECT count(*) FROM catalogue),
               (SELECT count(DISTINCT indicator_code) FROM kwale JOIN source USING (source_id)
                WHERE NOT is_demo AND indicator_code IN (SELECT indicator_code FROM catalogue))""")
    at = open_app("pages/sdg_gaps.py", county=county, lang=lang)
    every = table_with(at, said(lang, "Missing")).set_index(said(lang, "County"))
    assert every.loc["Kwale", said(lang, "Missing")] == total - with_value
    assert every.loc["Kwale", said(lang, "With a value (of {total})", total=total)] == with_value
    if county == "002":
        assert said(lang, "{county}: {count} of {total} indicators without a value", county="Kwale",
                    count=total - with_value, total=total) in [s.value for s in at.subheader]


@pytest.mark.parametrize(("county", "lang"), PLACES_AND_LANGUAGES)
def test_upload_counts_the_rows_a_file_adds_and_replaces(warehouse, use_warehouse, local_editor, query, open_app,
                                                         county, lang):
    use_warehouse(warehouse)
    [(kwale, wajir)] = query(warehouse, "SELECT count(*) FILTER (county_code = '002' AND fiscal_year = '2025/26'), "
                                        "count(*) FILTER (county_code = '008' AND fiscal_year = '2013/14') "
                                        "FROM fact_budget_execution")
    assert (kwale, wajir) == (0, 1)
    at = open_app("pages/upload.py", county=county, lang=lang, kind="budget_execution")
    at.file_uploader(key="upload_file").set_value(("q1.csv", UPLOAD, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    assert [s.value for s in at.success] == [said(lang, "{file}: {rows} rows are valid.", file="q1.csv", rows="2")]
    assert [(m.label, m.value) for m in at.metric] == [(said(lang, "Rows to add"), "1"),
                                                       (said(lang, "Rows that replace existing ones"), "1")]


@pytest.mark.parametrize(("county", "lang"), PLACES_AND_LANGUAGES)
def test_load_history_lists_the_load_with_its_rows(warehouse, use_warehouse, open_app, county, lang):
    use_warehouse(warehouse)
    source = loader.DeclaredSource("Kwale County Treasury", "Q1 report", "Not stated", date(2025, 9, 30))
    load_id = loader.load(loader.prepare(UPLOAD, "q1.csv", "budget_execution", warehouse), warehouse, source, "me")
    at = open_app("pages/load_history.py", county=county, lang=lang)
    log = at.dataframe[0].value
    assert log[["load_id", "file_name", "row_count", "rows_added", "rows_replaced", "status"]].values.tolist() == [
        [load_id, "q1.csv", 2, 1, 1, "loaded"]]


@pytest.mark.parametrize(("county", "lang"), PLACES_AND_LANGUAGES)
def test_data_and_sources_counts_the_hidden_generated_sources_and_lists_the_real_ones(reference, query, open_app,
                                                                                      county, lang):
    [(real, generated)] = query(reference, "SELECT count(*) FILTER (NOT is_demo), count(*) FILTER (is_demo) "
                                           "FROM source")
    [(counties,)] = query(reference, "SELECT count(*) FROM dim_county WHERE source_id = 'knbs_census_2019'")
    at = open_app("pages/data_sources.py", county=county, lang=lang)
    assert [s.value for s in at.success] == [said(
        lang, "Every figure shown is a published or loaded figure. The warehouse also holds {count} generated "
              "sources, left out of every page, download and document while the demonstration switch in the "
              "sidebar is off.", count=generated)]
    sources = at.dataframe[0].value.set_index(said(lang, "source"))
    assert len(sources) == real
    assert f"dim_county ({counties})" in sources.loc["knbs_census_2019", said(lang, "used in (rows)")]
