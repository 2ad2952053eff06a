"""Upload's validation messages in Kiswahili: the same problems, on the same rows and columns, told in the page's
language; file, column and value names stay as the file has them."""

from __future__ import annotations

import pytest

from jdp_analytics.app import ui
from jdp_analytics.common import i18n
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.schema import ValidationError

HEADER = ("event_id,event_date,county,ward,venue,budget_stage,sectors,organiser,documents_shared,"
          "documents_shared_days_before,attendance_women,attendance_men,attendance_total,attendance_youth,"
          "attendance_pwd,proposals_received,proposals_adopted,feedback_date")
BAD = ("KWL-2025-002,2025-02-15,Kwale,Atlantis Ward,Hall,CFSP,,,,,10,10,25,,,,,",
       "KWL-2025-003,not a date,Kwale,Tsimba Golini,Hall,CFSP,,,,,ten,10,20,,,,,")


def _problems(lang: str, warehouse, csv_bytes) -> list[tuple]:
    with i18n.use(lang), pytest.raises(ValidationError) as caught:
        loader.prepare(csv_bytes(HEADER, *BAD), "forums.csv", "participation_events", warehouse)
    return [(p.file, p.row, p.column, p.value, p.message, p.fix) for p in caught.value.problems]


def test_the_same_problems_are_told_in_kiswahili_on_the_same_rows_and_columns(warehouse, csv_bytes):
    english, kiswahili = _problems("en", warehouse, csv_bytes), _problems("sw", warehouse, csv_bytes)
    assert [p[:4] for p in english] == [p[:4] for p in kiswahili]  # file, row, column and value are the file's
    messages = {(row, column): (message, fix) for _file, row, column, _value, message, fix in kiswahili}
    assert messages[(2, "ward")] == ("hakuna wadi ya kaunti hiyo inayoitwa 'Atlantis Ward'.",
                                     "tumia moja kati ya: Waa, au msimbo wa wadi (KEW-nnnn) kutoka kamusi ya data.")
    assert messages[(3, "event_date")] == ("thamani si tarehe (YYYY-MM-DD).",
                                           "andika tarehe (YYYY-MM-DD) katika kisanduku hiki.")
    assert messages[(3, "attendance_women")][0] == "thamani si nambari kamili."
    assert messages[(2, "attendance_total")] == ("Wanawake + wanaume si sawa na jumla.",
                                                 "Rekebisha wanawake, wanaume au jumla ili vijumlike.")
    english_messages = {(row, column): message for _file, row, column, _value, message, _fix in english}
    assert english_messages[(3, "event_date")] == "the value is not a date (YYYY-MM-DD)."


def test_a_file_level_problem_is_told_in_kiswahili(warehouse):
    with i18n.use("sw"), pytest.raises(ValidationError) as caught:
        loader.prepare(b"%PDF-1.7 not a table", "forums.pdf", "participation_events", warehouse)
    problem = caught.value.problems[0]
    assert (problem.file, problem.message) == ("forums.pdf", "faili ni PDF, si faili la CSV wala kitabu cha kazi cha "
                                                             "Excel.")


def test_the_problem_table_names_the_file_row_column_and_value_in_kiswahili(warehouse, csv_bytes):
    with i18n.use("sw"), pytest.raises(ValidationError) as caught:
        loader.prepare(csv_bytes(HEADER, *BAD), "forums.csv", "participation_events", warehouse)
    with i18n.use("sw"):
        table = ui.problems_frame(caught.value.shown)
    assert list(table.columns) == ["faili", "safu", "safu wima", "thamani", "tatizo", "jinsi ya kurekebisha"]
    row = table[(table["safu"] == 3) & (table["safu wima"] == "attendance_women")].iloc[0]
    assert (row["faili"], row["thamani"], row["tatizo"]) == ("forums.csv", "ten", "thamani si nambari kamili.")
    with i18n.use("en"):
        english = ui.problems_frame(caught.value.shown)  # the problems were built in Kiswahili; only headers change
    assert list(english.columns) == ["file", "row", "column", "value", "problem", "how to fix"]


def test_every_upload_kind_is_named_in_kiswahili_and_unchanged_in_english():
    with i18n.use("sw"):
        kiswahili = {name: i18n._(kind.label) for name, kind in loader.KINDS.items()}
    with i18n.use("en"):
        english = {name: i18n._(kind.label) for name, kind in loader.KINDS.items()}
    assert english == {name: kind.label for name, kind in loader.KINDS.items()}
    assert english["participation_events"] == "Public participation forums (one row per event)"
    assert kiswahili["participation_events"] == "Mikutano ya ushiriki wa umma (safu moja kwa kila tukio)"
    assert all(kiswahili[name] != english[name] for name in loader.KINDS)


def test_a_boundary_file_of_the_wrong_type_is_refused_in_kiswahili(warehouse):
    told = {}
    for lang in ("en", "sw"):
        with i18n.use(lang), pytest.raises(ValidationError) as caught:
            loader.prepare(b"ward_name,county_name\nKwabwai,Homa Bay\n", "wards.csv", "ward_boundaries", warehouse)
        problem = caught.value.problems[0]
        told[lang] = (problem.file, problem.column, problem.value, problem.message)
    assert told["en"] == ("wards.csv", "(whole file)", ".csv", "a .csv file cannot hold boundaries.")
    assert told["sw"] == ("wards.csv", "(faili zima)", ".csv", "faili la .csv haliwezi kubeba mipaka.")


def test_an_open_sdg_file_without_a_place_is_refused_in_kiswahili(warehouse):
    with i18n.use("sw"), pytest.raises(ValidationError) as caught:
        loader.prepare(b"Year,Value\n2018,19.0\n", "indicator_5-5-1.csv", "open_sdg", warehouse)
    problem = caught.value.problems[0]
    assert (problem.file, problem.column) == ("indicator_5-5-1.csv", "(eneo)")
    assert problem.message == ("faili halisemi takwimu zake ni za wapi: halina safu wima County, GeoCode, Reference "
                               "area wala geo_code.")
    assert "--geography KE" in problem.fix


def test_a_refused_rollback_is_told_in_kiswahili(warehouse):
    for lang, text in (("en", "There is no load 'no-such-load'; the Load history page lists them."),
                       ("sw", "Hakuna upakiaji 'no-such-load'; ukurasa wa Historia ya upakiaji unaorodhesha upakiaji "
                              "wote.")):
        with i18n.use(lang), pytest.raises(loader.LoadError) as caught:
            loader.rollback("no-such-load", warehouse, "tester")
        assert str(caught.value) == text
