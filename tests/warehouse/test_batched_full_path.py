"""The full path in batches (issue 32): a file longer than a batch gives the same rows, totals and warehouse rows as
the same file read whole, and the same problems, named by their true rows even when a key's two rows fall in
different batches. The batch is made 3 rows here so that a file of a dozen rows spans several."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.warehouse import loader, templates
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("County treasury", "Test upload", "CC-BY-4.0", date(2025, 1, 1))
KINDS = ("facility_feedback", "indicator_observations", "proposals", "ward_projects", "proposal_links",
         "budget_amendments", "budget_items")


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(loader, "FULL_BATCH_ROWS", 3)
    monkeypatch.setattr(loader, "STAGED_LANE", False)  # budget_items: the full path, as a broken file takes it


def prepared(data: bytes, name: str, kind: str, warehouse: Path, batched: bool, monkeypatch) -> loader.Preview:
    monkeypatch.setattr(loader, "BATCHED_LANE", batched)
    return loader.prepare(data, name, kind, warehouse)


def problems(data: bytes, name: str, kind: str, warehouse: Path, batched: bool, monkeypatch) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        prepared(data, name, kind, warehouse, batched, monkeypatch)
    return raised.value.describe()


def same_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates in one unit: pandas picks seconds for a column of empty dates; both are DATE in the warehouse."""
    return frame.astype({name: "datetime64[us]" for name in frame.select_dtypes("datetime").columns})


def generated(kind: str, rows: int = 12) -> bytes:
    try:
        return templates.rows_for(kind, rows).to_csv(index=False).encode("utf-8")
    except templates.TemplateError:
        pytest.skip(f"{kind} has no generated rows")


def with_lines(data: bytes, change) -> bytes:
    """The file with its data lines (header first) changed by `change(lines)`."""
    lines = data.decode("utf-8").splitlines()
    return ("\n".join(change(lines)) + "\n").encode("utf-8")


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_of_several_batches_gives_the_rows_or_problems_of_the_file_read_whole(kind, warehouse, monkeypatch):
    data = generated(kind)  # a kind whose rows refer to rows the reference build lacks gives problems: compared too
    try:
        whole = prepared(data, f"{kind}.csv", kind, warehouse, False, monkeypatch)
    except ValidationError as refused:
        assert problems(data, f"{kind}.csv", kind, warehouse, True, monkeypatch) == refused.describe()
        return
    batched = prepared(data, f"{kind}.csv", kind, warehouse, True, monkeypatch)
    assert batched.stage is not None and whole.stage is None
    expected = same_units(whole.rows.drop(columns=["source_id"]).reset_index(drop=True))
    pd.testing.assert_frame_equal(same_units(batched.frame()), expected)
    assert (batched.row_count, batched.rows_added, batched.rows_replaced) == (len(whole.rows), whole.rows_added,
                                                                              whole.rows_replaced)
    pd.testing.assert_frame_equal(batched.totals, whole.totals)


def test_a_file_loaded_in_batches_leaves_the_rows_a_whole_file_leaves(warehouse, tmp_path, monkeypatch, read_table):
    data = generated("facility_feedback")
    other = tmp_path / "other.duckdb"
    other.write_bytes(warehouse.read_bytes())
    loader.load(prepared(data, "feedback.csv", "facility_feedback", warehouse, True, monkeypatch), warehouse, SOURCE,
                "tests")
    loader.load(prepared(data, "feedback.csv", "facility_feedback", other, False, monkeypatch), other, SOURCE, "tests")
    ignored = ["source_id", "load_id"]
    pd.testing.assert_frame_equal(read_table(warehouse, "fact_facility_feedback").drop(columns=ignored),
                                  read_table(other, "fact_facility_feedback").drop(columns=ignored))


def test_a_key_repeated_in_another_batch_is_named_with_both_rows(warehouse, monkeypatch):
    # Rows 2-4 are the first batch, 5-7 the second …: row 11 repeats row 3's key.
    data = with_lines(generated("facility_feedback"), lambda lines: [*lines[:10], lines[2], *lines[11:]])
    batched = problems(data, "feedback.csv", "facility_feedback", warehouse, True, monkeypatch)
    assert batched == problems(data, "feedback.csv", "facility_feedback", warehouse, False, monkeypatch)
    assert len(batched) == 1 and batched[0].startswith("feedback.csv, row 11, column 'facility_id, ")
    assert "the same key is already on row 3." in batched[0]


def test_problems_in_several_batches_are_the_whole_files_with_their_rows(warehouse, monkeypatch):
    def broken(lines: list[str]) -> list[str]:
        header = lines[0].split(",")
        for number, column, value in ((3, "county", "Atlantis"), (8, "received", "many"), (13, "resolved", "-5")):
            cells = lines[number - 1].split(",")
            cells[header.index(column)] = value
            lines[number - 1] = ",".join(cells)
        return lines

    data = with_lines(generated("facility_feedback"), broken)
    batched = problems(data, "feedback.csv", "facility_feedback", warehouse, True, monkeypatch)
    assert batched == problems(data, "feedback.csv", "facility_feedback", warehouse, False, monkeypatch)
    assert sorted({line.split(",")[1] for line in batched}) == [" row 13", " row 3", " row 8"]


def test_a_blank_line_keeps_the_rows_after_it_named_by_their_lines(warehouse, monkeypatch):
    data = with_lines(generated("facility_feedback"), lambda lines: [*lines[:5], "", *lines[5:10], lines[2]])
    batched = problems(data, "feedback.csv", "facility_feedback", warehouse, True, monkeypatch)
    assert batched == problems(data, "feedback.csv", "facility_feedback", warehouse, False, monkeypatch)
    assert batched[0].startswith("feedback.csv, row 12, ") and "already on row 3." in batched[0]


def test_a_file_in_batches_whose_keys_are_stored_is_refused_row_by_row(warehouse, monkeypatch):
    data = generated("participation_events")
    loader.load(prepared(data, "events.csv", "participation_events", warehouse, True, monkeypatch), warehouse,
                SOURCE, "tests")
    again = data + b"\n"  # other bytes, the same rows
    batched = problems(again, "again.csv", "participation_events", warehouse, True, monkeypatch)
    assert batched == problems(again, "again.csv", "participation_events", warehouse, False, monkeypatch)
    assert len(batched) == 12 and batched[11].startswith("again.csv, row 13, column 'event_id'")
    assert "a row with this key is already in the warehouse." in batched[11]


PROPOSALS = ("proposal_id,county,ward,fiscal_year,budget_stage,proposed_date,sector,proposal_text,decision,"
             "decision_reason,programme")
PROPOSAL = ("KWL-P{n},Kwale,Tsimba Golini,2024/25,ADP,2024-08-02,Water,Borehole at Tsimba market,adopted into budget,"
            "Ward priority,Rural water supply")
LINKS = "proposal_id,county,fiscal_year,sector,programme,project_id,allocated_kes,spent_kes"


def proposals(*lines: str) -> bytes:
    return ("\n".join([PROPOSALS, *lines]) + "\n").encode("utf-8")


def test_a_key_of_another_county_in_a_later_batch_is_named_by_its_row(warehouse, monkeypatch):
    homa_bay = PROPOSAL.format(n=9).replace("KWL-P9", "HB-P1").replace("Kwale,Tsimba Golini", "Homa Bay,"
                                                                                             "Central Kasipul")
    loader.load(prepared(proposals(homa_bay), "hb.csv", "proposals", warehouse, False, monkeypatch), warehouse,
                SOURCE, "tests")
    rows = [PROPOSAL.format(n=n) for n in range(1, 8)] + [PROPOSAL.format(n=8).replace("KWL-P8", "HB-P1")]
    data = proposals(*rows)
    batched = problems(data, "proposals.csv", "proposals", warehouse, True, monkeypatch)
    assert batched == problems(data, "proposals.csv", "proposals", warehouse, False, monkeypatch)
    assert batched == [
        "proposals.csv, row 9, column 'proposal_id', value 'HB-P1': proposal_id HB-P1 belongs to Homa Bay (043) in the "
        "warehouse; this row is for Kwale (002), and loading it would replace Homa Bay (043)'s row. Fix: give the row "
        "an identifier of its own county (e.g. with the county's prefix), or correct the county; to move a row to "
        "another county, roll back the load that brought it first."]


def test_a_rule_between_kinds_broken_in_a_later_batch_is_refused_at_check_and_at_load(warehouse, monkeypatch):
    loader.load(prepared(proposals(PROPOSAL.format(n=7)), "first.csv", "proposals", warehouse, False, monkeypatch),
                warehouse, SOURCE, "tests")
    links = (LINKS + "\nKWL-P7,Kwale,2024/25,Water,Rural water supply,,1000000,0\n").encode("utf-8")
    loader.load(prepared(links, "links.csv", "proposal_links", warehouse, False, monkeypatch), warehouse, SOURCE,
                "tests")
    rows = [PROPOSAL.format(n=n) for n in range(1, 9)]
    rows[6] = rows[6].replace("adopted into budget", "rejected").replace("Rural water supply", "")
    data = proposals(*rows)
    expected = ["proposals.csv, row 8, column 'decision', value 'rejected': proposal links give the proposal KES "
                "1,000,000 of the budget; a rejected proposal has no money. Fix: correct the decision, or first roll "
                "back or correct the proposal's links (upload kind proposal_links)."]
    assert problems(data, "proposals.csv", "proposals", warehouse, True, monkeypatch) == expected
    assert problems(data, "proposals.csv", "proposals", warehouse, False, monkeypatch) == expected
    monkeypatch.setattr(loader, "_broken_before_load", lambda *args: [])  # as if checked before the links came
    preview = prepared(data, "proposals.csv", "proposals", warehouse, True, monkeypatch)
    assert preview.stage is not None
    before = warehouse.read_bytes()
    with pytest.raises(loader.RuleError) as caught:
        loader.load(preview, warehouse, SOURCE, "tests")
    assert [str(p) for p in caught.value.problems] == expected
    assert warehouse.read_bytes() == before
