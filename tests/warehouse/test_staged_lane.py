"""The staged lane (issue 16): a clean CSV read, typed and checked in DuckDB gives the same preview, the same totals and
the same warehouse rows as the full path; a file with any problem gets the full path's messages, unchanged."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.common import exports
from jdp_analytics.warehouse import loader, templates
from jdp_analytics.warehouse.queries import forget, read_cursor
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("County treasury", "Test upload", "CC-BY-4.0", date(2025, 1, 1))
PLAIN = [name for name, kind in loader.KINDS.items()
         if not (kind.reshape or kind.complete or kind.fill or kind.check or kind.geometry)]
EVENTS = ("event_id,event_date,county,ward,venue,budget_stage,sectors,organiser,documents_shared,"
          "documents_shared_days_before,attendance_women,attendance_men,attendance_total,attendance_youth,"
          "attendance_pwd,proposals_received,proposals_adopted,feedback_date")


def prepare(data: bytes, name: str, kind: str, warehouse: Path, staged: bool, monkeypatch) -> loader.Preview:
    monkeypatch.setattr(loader, "STAGED_LANE", staged)
    return loader.prepare(data, name, kind, warehouse)


def both(data: bytes, name: str, kind: str, warehouse: Path, monkeypatch):
    """Return (staged preview, full preview) of one file."""
    return (prepare(data, name, kind, warehouse, True, monkeypatch),
            prepare(data, name, kind, warehouse, False, monkeypatch))


def assert_same(staged: loader.Preview, full: loader.Preview) -> None:
    assert full.stage is None
    assert staged.stage is not None, "the clean file was not read by the staged lane"
    expected = same_units(full.rows.drop(columns=["source_id"]).reset_index(drop=True))
    pd.testing.assert_frame_equal(same_units(staged.frame()), expected)
    pd.testing.assert_frame_equal(same_units(staged.rows), expected.head(len(staged.rows)))
    assert (staged.row_count, staged.rows_added, staged.rows_replaced) == (len(full.rows), full.rows_added,
                                                                           full.rows_replaced)
    pd.testing.assert_frame_equal(staged.totals, full.totals)
    assert staged.ignored == full.ignored


def same_units(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates in one unit: pandas picks seconds for a column of empty dates; both are DATE in the warehouse."""
    dates = frame.select_dtypes("datetime").columns
    return frame.astype({name: "datetime64[us]" for name in dates})


@pytest.mark.parametrize("kind", PLAIN)
def test_a_kinds_generated_template_reads_the_same_through_both_lanes(kind, warehouse, monkeypatch):
    try:
        frame = templates.rows_for(kind, 40)
    except templates.TemplateError:  # a kind whose key is all codes: its example rows
        frame = templates.rows_for(kind)
    data = exports.to_csv(frame, kind)
    assert_same(*both(data, f"{kind}.csv", kind, warehouse, monkeypatch))


AWKWARD = {
    "title block, CRLF, byte-order mark": "\ufeffKwale County forums register\r\n\r\n" + EVENTS + "\r\n"
    "E1,2024-03-05,Kwale,Ukunda,Hall,ADP,Health,Finance,Yes,7,10,12,22,5,1,4,2,2024-04-01\r\n"
    "E2,2024-03-06,KWALE,ukunda,,CFSP,,,no,,1,1,2,,,,,\r\n",
    "spaces and tabs around values, thousands separators": EVENTS + "\n"
    ' E1 ,\t2024-03-05, Homa-Bay ,Kwabwai,"Hall, main",ADP,Health,Finance,TRUE, 7 ,"1,000",12,"1,012",5,1,4,2,\n',
    "semicolons, county codes": EVENTS.replace(",", ";") + "\n"
    "E1;2024-03-05;002;Ukunda;Hall;ADP;Health;Finance;y;7;10;12;22;5;1;4;2;2024-04-01\n",
    "exponent and decimals of whole numbers": EVENTS + "\n"
    "E1,2024-03-05,Kwale,Ukunda,Hall,ADP,Health,Finance,yes,7.0,1e1,12,22,5,1,4,2,\n",
}


@pytest.mark.parametrize("case", list(AWKWARD))
def test_an_awkward_clean_file_reads_the_same_through_both_lanes(case, warehouse, monkeypatch):
    assert_same(*both(AWKWARD[case].encode("utf-8"), "events.csv", "participation_events", warehouse, monkeypatch))


def test_a_windows_1252_file_is_re_encoded_for_the_staged_lane(warehouse, monkeypatch):
    data = (EVENTS + "\nE1,2024-03-05,Kwale,Ukunda,Caf\u00e9 hall,ADP,Health,Finance,yes,7,10,12,22,5,1,4,2,\n")
    staged, full = both(data.encode("cp1252"), "events.csv", "participation_events", warehouse, monkeypatch)
    assert_same(staged, full)
    assert staged.rows["venue"].tolist() == ["Caf\u00e9 hall"]


NOT_SURE = {
    "a date that is no date": ("5th March", "event_date"),
    "an unknown ward": ("Nowhere", "ward"),
    "an Excel error": ("#N/A", "attendance_youth"),
    "a number with text": ("12 people", "attendance_women"),
    "a number below zero": ("-1", "attendance_pwd"),
    "a value not allowed": ("Never", "budget_stage"),
    "a key given twice": ("E1", "event_id"),
    "women and men not adding to the total": ("23", "attendance_total"),
    "feedback before the event": ("2024-03-01", "feedback_date"),
}


@pytest.mark.parametrize("case", list(NOT_SURE))
def test_a_file_with_a_problem_gets_the_full_paths_messages(case, warehouse, monkeypatch):
    value, column = NOT_SURE[case]
    row = dict(zip(EVENTS.split(","), "E2,2024-03-05,Kwale,Ukunda,Hall,ADP,Health,Finance,yes,7,10,12,22,5,1,4,2,"
                   .split(","), strict=True))
    row[column] = value
    good = "E1,2024-03-05,Kwale,Ukunda,Hall,ADP,Health,Finance,yes,7,10,12,22,5,1,4,2,"
    data = f"{EVENTS}\n{good}\n{','.join(row.values())}\n".encode()
    problems = []
    for staged in (True, False):
        with pytest.raises(ValidationError) as raised:
            prepare(data, "events.csv", "participation_events", warehouse, staged, monkeypatch)
        problems.append([(p.row, p.column, p.value, p.message) for p in raised.value.problems])
    assert problems[0] == problems[1]
    assert problems[0][0][0] == 3  # the third line of the file


def stored_lines(path: Path) -> pd.DataFrame:
    con = read_cursor(path)
    try:
        return con.execute("SELECT * EXCLUDE (source_id, load_id) FROM fact_budget_line WHERE load_id IS NOT NULL "
                           "ORDER BY ALL").df()
    finally:
        con.close()
        forget(path)


def test_a_file_replacing_stored_rows_loads_and_rolls_back_as_through_the_full_path(warehouse, tmp_path,
                                                                                      monkeypatch):
    first = templates.rows_for("budget_lines", 30)
    second = first.copy()
    second["expenditure_recurrent_kes"] = "1000"  # every row replaced with a new amount …
    second = second.drop(columns=["gender_tagged_kes"])  # … by a file without a column: the stored values stay
    extra = templates.rows_for("budget_lines", 40).iloc[30:].drop(columns=["gender_tagged_kes"])
    second = pd.concat([second, extra])  # and ten new rows
    other = tmp_path / "other.duckdb"
    shutil.copyfile(warehouse, other)
    previews, loads = [], []
    for path, lane in ((warehouse, True), (other, False)):
        loader.load(prepare(exports.to_csv(first, "lines"), "a.csv", "budget_lines", path, lane, monkeypatch), path,
                    SOURCE, "editor")
        preview = prepare(exports.to_csv(second, "lines"), "b.csv", "budget_lines", path, lane, monkeypatch)
        previews.append(preview)
        loads.append(loader.load(preview, path, SOURCE, "editor"))
    staged, full = previews
    assert staged.stage is not None and full.stage is None  # replacing rows no longer sends a file to the full path
    assert (staged.rows_added, staged.rows_replaced) == (full.rows_added, full.rows_replaced) == (10, 30)
    pd.testing.assert_frame_equal(staged.totals, full.totals)
    after = [stored_lines(path) for path in (warehouse, other)]
    pd.testing.assert_frame_equal(after[0], after[1])
    assert (after[0]["expenditure_recurrent_kes"] == 1000).sum() == 30 and len(after[0]) == 40
    assert after[0]["gender_tagged_kes"].notna().sum() == first["gender_tagged_kes"].replace("", None).notna().sum()
    for path, load_id in zip((warehouse, other), loads, strict=True):
        assert loader.rollback(load_id, path, "editor") == 40
    before = [stored_lines(path) for path in (warehouse, other)]
    pd.testing.assert_frame_equal(before[0], before[1])
    assert len(before[0]) == 30 and set(before[0]["expenditure_recurrent_kes"]) != {1000}


def test_both_lanes_load_the_same_rows_and_the_stage_is_freed(warehouse, tmp_path, monkeypatch):
    data = exports.to_csv(templates.rows_for("participation_events", 300), "events")
    other = tmp_path / "other.duckdb"
    shutil.copyfile(warehouse, other)
    staged = prepare(data, "events.csv", "participation_events", warehouse, True, monkeypatch)
    folder = staged.stage.folder
    loader.load(staged, warehouse, SOURCE, "editor")
    assert not folder.exists()
    full = prepare(data, "events.csv", "participation_events", other, False, monkeypatch)
    loader.load(full, other, SOURCE, "editor")
    stored = []
    for path in (warehouse, other):
        con = read_cursor(path)
        stored.append(con.execute("SELECT * EXCLUDE (source_id, load_id) FROM fact_participation_event "
                                  "WHERE load_id IS NOT NULL ORDER BY event_id").df())
        log = con.execute("SELECT row_count, rows_added FROM load_log").fetchall()
        con.close()
        forget(path)
        assert log == [(300, 300)]
    pd.testing.assert_frame_equal(stored[0], stored[1])
    assert len(stored[0]) == 300


LARGE = {  # more than a megabyte each: a file on disk is scanned in blocks, not read whole
    "LF": ("\n", ",", "Hall"),
    "CRLF": ("\r\n", ",", "Hall"),
    "quoted values": ("\n", ",", '"Hall, main"'),
    "tabs between values": ("\n", "\t", "Hall"),
    "tabs and quotes": ("\r\n", "\t", '"Hall"'),
    "accents": ("\n", ",", "Caf\u00e9"),
    "a no-break space in a cell": ("\n", ",", "Hall\u00a0"),
}


@pytest.mark.parametrize("case", list(LARGE))
def test_a_large_file_on_disk_has_the_layout_of_the_same_bytes_read_whole(case, tmp_path):
    from jdp_analytics.warehouse import readers

    newline, delimiter, venue = LARGE[case]
    row = delimiter.join(["E{}", "2024-03-05", "Kwale", "Ukunda", venue, "ADP", "Health", "Finance", "yes", "7", "10",
                          "12", "22", "5", "1", "4", "2", ""])
    text = "Register\n" + EVENTS.replace(",", delimiter) + newline + "".join(
        row.format(i) + newline for i in range(20_000))
    path = tmp_path / "events.csv"
    path.write_bytes(text.encode("utf-8"))
    assert path.stat().st_size > readers._HEAD_BYTES
    expected = loader.header_columns("participation_events")
    on_disk = readers.csv_layout(path, "events.csv", expected, tmp_path, max_bytes=1 << 30)
    whole = readers.csv_layout(path.read_bytes(), "events.csv", expected, tmp_path, max_bytes=1 << 30)
    assert on_disk.lines == whole.lines == 20_000
    assert (on_disk.delimiter, on_disk.header_row, on_disk.names, on_disk.spaces_only) == (
        whole.delimiter, whole.header_row, whole.names, whole.spaces_only)


def test_a_large_file_on_disk_reads_the_same_through_both_lanes(warehouse, tmp_path, monkeypatch):
    path = tmp_path / "events.csv"
    path.write_bytes(exports.to_csv(templates.rows_for("participation_events", 15_000), "events"))
    assert path.stat().st_size > (1 << 20)
    staged = prepare(path, "events.csv", "participation_events", warehouse, True, monkeypatch)
    full = prepare(path, "events.csv", "participation_events", warehouse, False, monkeypatch)
    assert_same(staged, full)
