"""Upload's validation messages in Kiswahili: the same problems, on the same rows and columns, told in the page's
language; file, column and value names stay as the file has them."""

from __future__ import annotations

import pytest

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
