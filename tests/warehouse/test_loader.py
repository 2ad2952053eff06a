"""The load path: every problem in a file reported at once, nothing loaded on error, atomic loads and rollback."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from jdp_analytics.common import exports
from jdp_analytics.warehouse import loader
from jdp_analytics.warehouse.paths import ROOT
from jdp_analytics.warehouse.queries import read_cursor
from jdp_analytics.warehouse.schema import ValidationError

SOURCE = loader.DeclaredSource("Kwale County Treasury", "Test register", "CC BY 4.0", date(2025, 6, 30))

EVENT_HEADER = ("event_id,event_date,county,ward,venue,budget_stage,sectors,organiser,documents_shared,"
                "documents_shared_days_before,attendance_women,attendance_men,attendance_total,attendance_youth,"
                "attendance_pwd,proposals_received,proposals_adopted,feedback_date")
GOOD_EVENT = ("KWL-2025-001,2025-02-14,Kwale,Tsimba Golini,Kwale Hall,CFSP,Health,Finance,yes,7,48,52,100,35,4,12,5,"
              "2025-04-30")


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def problems(data: bytes, kind: str, warehouse: Path, name: str = "upload.csv") -> list[tuple]:
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, name, kind, warehouse)
    return [(p.row, p.column, p.message) for p in caught.value.problems]


def test_a_valid_participation_file_loads_with_its_source_and_an_audit_entry(warehouse, csv_bytes, scalar):
    preview = loader.prepare(csv_bytes(EVENT_HEADER, GOOD_EVENT), "events.csv", "participation_events", warehouse)
    assert (preview.rows_added, preview.rows_replaced) == (1, 0)
    load_id = loader.load(preview, warehouse, SOURCE, "m.wanjiru")
    assert scalar(warehouse, "SELECT ward_code FROM fact_participation_event WHERE event_id = 'KWL-2025-001'") == (
        "KEW-0039")
    assert scalar(warehouse, "SELECT loaded_by || ' ' || row_count || ' ' || status FROM load_log "
                             "WHERE load_id = ?", load_id) == "m.wanjiru 1 loaded"
    assert scalar(warehouse, "SELECT s.publisher FROM fact_participation_event f JOIN source s USING (source_id) "
                             "WHERE f.event_id = 'KWL-2025-001'") == "Kwale County Treasury"


def test_every_bad_row_of_a_participation_file_is_reported_and_nothing_is_loaded(warehouse, csv_bytes):
    before = sha(warehouse)
    data = csv_bytes(
        EVENT_HEADER, GOOD_EVENT,
        "KWL-2025-002,2025-02-15,Kwale,Atlantis Ward,Hall,CFSP,,,,,10,10,20,,,,,",
        "KWL-2025-003,2025-02-16,Kwale,Ukunda,Hall,CFSP,,,no,,10,10,25,,,,,",
        "KWL-2025-004,2025-02-17,Kwale,Ukunda,Hall,ADP,,,no,,10,10,20,,,3,5,",
        "KWL-2025-005,2099-01-01,Kwale,Ukunda,Hall,ADP,,,no,,10,10,20,,,,,",
        "KWL-2025-001,2025-02-18,Kwale,Ukunda,Hall,ADP,,,no,,10,10,20,,,,,",
    )
    found = problems(data, "participation_events", warehouse)
    assert (3, "ward", "no ward of that county is called 'Atlantis Ward'.") in found
    assert (4, "attendance_total", "Women + men does not equal the total.") in found
    assert (5, "proposals_adopted", "More proposals adopted than received.") in found
    assert (6, "event_date", "the date is in the future.") in found
    assert (7, "event_id", "the same key is already on row 2.") in found
    assert not [p for p in found if p[0] == 2 and p[1] == "event_id"]  # the key's first row is not a problem
    assert sha(warehouse) == before


def test_an_event_id_already_in_the_warehouse_is_refused(warehouse, csv_bytes):
    loader.load(loader.prepare(csv_bytes(EVENT_HEADER, GOOD_EVENT), "a.csv", "participation_events", warehouse),
                warehouse, SOURCE, "editor")
    again = csv_bytes(EVENT_HEADER, GOOD_EVENT.replace("Kwale Hall", "Another hall"))
    assert problems(again, "participation_events", warehouse) == [
        (2, "event_id", "a row with this key is already in the warehouse.")]


@pytest.mark.parametrize("staged", [True, False], ids=["staged lane", "full path"])
def test_a_key_another_load_brought_after_the_check_is_refused_and_nothing_changes(staged, warehouse, csv_bytes,
                                                                                 scalar, monkeypatch):
    # Two offices check overlapping files; the second confirms after the first has loaded. The tables have no
    # PRIMARY KEY constraint (catalog.ddl): the load itself must refuse the key that is now taken.
    monkeypatch.setattr(loader, "STAGED_LANE", staged)
    first = loader.prepare(csv_bytes(EVENT_HEADER, GOOD_EVENT), "a.csv", "participation_events", warehouse)
    second = loader.prepare(csv_bytes(EVENT_HEADER, GOOD_EVENT.replace("Kwale Hall", "Another hall"),
                                      GOOD_EVENT.replace("KWL-2025-001", "KWL-2025-002")),
                            "b.csv", "participation_events", warehouse)
    assert (second.stage is not None) == staged
    loader.load(first, warehouse, SOURCE, "office one")
    before = sha(warehouse)
    with pytest.raises(loader.LoadError, match="Since this file was checked, another load added 1 row with a key "
                                               "the file has; nothing was loaded"):
        loader.load(second, warehouse, SOURCE, "office two")
    assert sha(warehouse) == before
    assert scalar(warehouse, "SELECT count(*) FROM fact_participation_event WHERE event_id LIKE 'KWL-2025-00%'") == 1
    assert scalar(warehouse, "SELECT venue FROM fact_participation_event WHERE event_id = 'KWL-2025-001'") == (
        "Kwale Hall")


def test_the_same_file_loaded_twice_is_recognised(warehouse, csv_bytes):
    data = csv_bytes(EVENT_HEADER, GOOD_EVENT)
    load_id = loader.load(loader.prepare(data, "a.csv", "participation_events", warehouse), warehouse, SOURCE, "x")
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, "a-copy.csv", "participation_events", warehouse)
    assert f"this file was already loaded as load {load_id} by x" in caught.value.problems[0].message


def test_a_budget_row_replaces_the_published_one_and_rollback_restores_it(warehouse, csv_bytes, scalar):
    data = csv_bytes("county,fiscal_year,budget_kes,expenditure_kes,absorption_pct",
                     "Kwale,2013/14,5000000000,4000000000,80.0", "Homabay,2025/26,9000000000,1000000000,11.1")
    preview = loader.prepare(data, "budget.csv", "budget_execution", warehouse)
    assert (preview.rows_added, preview.rows_replaced) == (1, 1)
    totals = preview.totals.set_index("column")
    assert totals.at["budget_kes", "after"] - totals.at["budget_kes", "before"] == pytest.approx(
        5_000_000_000 - 4_391_400_000 + 9_000_000_000)
    load_id = loader.load(preview, warehouse, SOURCE, "editor")
    kwale = "SELECT absorption_pct FROM fact_budget_execution WHERE county_code = '002' AND fiscal_year = '2013/14'"
    assert scalar(warehouse, kwale) == 80.0
    assert loader.rollback(load_id, warehouse, "admin") == 2
    assert scalar(warehouse, kwale) == 66.7
    assert scalar(warehouse, "SELECT count(*) FROM fact_budget_execution WHERE fiscal_year = '2025/26'") == 0
    assert scalar(warehouse, "SELECT status || ' by ' || rolled_back_by FROM load_log WHERE load_id = ?",
                  load_id) == "rolled back by admin"


def test_a_load_whose_rows_a_later_load_replaced_rolls_back_only_after_that_load(warehouse, csv_bytes, scalar):
    header = "county,fiscal_year,budget_kes,expenditure_kes,absorption_pct"
    kwale = "SELECT absorption_pct FROM fact_budget_execution WHERE county_code = '002' AND fiscal_year = '2013/14'"
    first = loader.load(loader.prepare(csv_bytes(header, "Kwale,2013/14,5000000000,4000000000,80.0"), "a.csv",
                                       "budget_execution", warehouse), warehouse, SOURCE, "editor")
    second = loader.load(loader.prepare(csv_bytes(header, "Kwale,2013/14,5000000000,4500000000,90.0"), "b.csv",
                                        "budget_execution", warehouse), warehouse, SOURCE, "editor")
    before = sha(warehouse)
    with pytest.raises(loader.LoadError, match=f"Load {first} cannot be rolled back yet: a later load replaced rows "
                                               f"it brought.*Nothing was changed. Roll back {second} first."):
        loader.rollback(first, warehouse, "admin")
    assert sha(warehouse) == before
    assert scalar(warehouse, kwale) == 90.0
    loader.rollback(second, warehouse, "admin")
    assert scalar(warehouse, kwale) == 80.0
    loader.rollback(first, warehouse, "admin")
    assert scalar(warehouse, kwale) == 66.7
    assert scalar(warehouse, "SELECT count(*) FROM fact_budget_execution WHERE county_code = '002' "
                             "AND fiscal_year = '2013/14'") == 1


def test_unknown_county_spellings_are_reported_with_suggestions(warehouse, csv_bytes):
    data = csv_bytes("county,fiscal_year,budget_kes,expenditure_kes,absorption_pct",
                     "Homa Bey,2025/26,1,1,100", "HOMA BAY,2024/25,1,1,100")
    with pytest.raises(ValidationError) as caught:
        loader.prepare(data, "budget.csv", "budget_execution", warehouse)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column, problem.message) == (2, "county", "no county is called 'Homa Bey'.")
    assert problem.fix == "use one of: Homa Bay, or the KNBS code (001–047)."
    assert len(caught.value.problems) == 1  # the upper-case spelling resolves


def test_negative_amounts_are_refused_with_the_fix(warehouse, csv_bytes):
    data = csv_bytes("county,fiscal_year,budget_kes,expenditure_kes,absorption_pct", "002,2025/26,-5,1,100")
    assert problems(data, "budget_execution", warehouse) == [(2, "budget_kes", "the value is below 0.")]


def test_a_formula_cell_is_stored_as_text_and_neutralised_on_export(warehouse, csv_bytes, scalar):
    row = GOOD_EVENT.replace("Kwale Hall", '"=HYPERLINK(""http://evil"",""x"")"')
    loader.load(loader.prepare(csv_bytes(EVENT_HEADER, row), "a.csv", "participation_events", warehouse),
                warehouse, SOURCE, "editor")
    venue = scalar(warehouse, "SELECT venue FROM fact_participation_event WHERE event_id = 'KWL-2025-001'")
    assert venue == '=HYPERLINK("http://evil","x")'
    exported = exports.to_csv(pd.DataFrame({"venue": [venue]}), "test").decode("utf-8-sig")
    assert "'=HYPERLINK" in exported


def test_an_sql_injection_string_is_stored_as_text_and_does_nothing(warehouse, csv_bytes, scalar):
    row = GOOD_EVENT.replace("Kwale Hall", "x'); DROP TABLE dim_county; --")
    loader.load(loader.prepare(csv_bytes(EVENT_HEADER, row), "a.csv", "participation_events", warehouse),
                warehouse, SOURCE, "editor")
    assert scalar(warehouse, "SELECT venue FROM fact_participation_event WHERE event_id = 'KWL-2025-001'") == (
        "x'); DROP TABLE dim_county; --")
    assert scalar(warehouse, "SELECT count(*) FROM dim_county") == 47


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jdp_analytics", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_the_cli_prints_every_problem_exits_1_and_leaves_the_warehouse_byte_identical(warehouse, tmp_path, csv_bytes):
    bad = tmp_path / "events.csv"
    bad.write_bytes(csv_bytes(EVENT_HEADER, GOOD_EVENT.replace(",100,", ",99,")))
    before = sha(warehouse)
    result = run_cli("load", str(bad), "--kind", "participation_events", "--warehouse", str(warehouse),
                     "--publisher", "Kwale", "--as-of", "2025-06-30")
    assert result.returncode == 1
    assert "events.csv: 1 problem(s); nothing was loaded." in result.stderr
    assert ("events.csv, row 2, column 'attendance_total', value 'attendance_women=48, attendance_men=52, "
            "attendance_total=99': Women + men does not equal the total.") in result.stderr
    assert sha(warehouse) == before


def test_the_cli_dry_run_previews_and_changes_nothing(warehouse, tmp_path, csv_bytes):
    good = tmp_path / "events.csv"
    good.write_bytes(csv_bytes(EVENT_HEADER, GOOD_EVENT))
    before = sha(warehouse)
    result = run_cli("load", str(good), "--kind", "participation_events", "--warehouse", str(warehouse), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "events.csv: 1 rows valid: 1 to add, 0 to replace." in result.stdout
    assert "dry run: nothing was loaded." in result.stdout
    assert sha(warehouse) == before


def test_the_cli_help_lists_the_kinds():
    result = run_cli("load", "--help")
    choices = result.stdout.split("{", 1)[1].split("}", 1)[0].split(",")
    assert sorted(choices) == sorted(loader.KINDS)
    assert {"budget_execution", "indicator_values", "participation_events", "result_actuals"} <= set(choices)


def big_events_file(path: Path, rows: int) -> Path:
    wards = ["Ukunda", "Tiwi", "Waa", "Kinondo", "Ramisi"]
    lines = [EVENT_HEADER]
    lines += [f"E{i:07d},2024-0{1 + i % 9}-1{i % 9},Kwale,{wards[i % 5]},Hall,ADP,,,no,,{i % 50},{i % 40},"
              f"{i % 50 + i % 40},,,," for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_load_killed_with_sigkill_leaves_the_warehouse_as_it_was(warehouse, tmp_path, csv_bytes):
    data = big_events_file(tmp_path / "big.csv", 200_000)
    before = sha(warehouse)
    proc = subprocess.Popen([sys.executable, "-m", "jdp_analytics", "load", str(data), "--kind",
                             "participation_events", "--warehouse", str(warehouse), "--publisher", "t",
                             "--as-of", "2025-01-01"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loading = warehouse.with_name(f".{warehouse.name}.{proc.pid}.loading")
    deadline = time.monotonic() + 240
    while not loading.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert loading.exists(), "the load never reached its write phase"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert sha(warehouse) == before
    small = tmp_path / "small.csv"
    small.write_bytes(csv_bytes(EVENT_HEADER, GOOD_EVENT))
    after = run_cli("load", str(small), "--kind", "participation_events", "--warehouse", str(warehouse),
                    "--publisher", "t", "--as-of", "2025-01-01")
    assert after.returncode == 0, after.stderr  # the killed load's lock died with it


def test_a_reader_sees_the_old_or_the_new_totals_never_a_mix(warehouse, tmp_path):
    data = big_events_file(tmp_path / "big.csv", 20_000).read_bytes()
    preview = loader.prepare(data, "big.csv", "participation_events", warehouse)
    new = (20_000, int(preview.frame()["attendance_total"].sum()))
    seen, stop = set(), threading.Event()

    def read_totals():
        while not stop.is_set():
            cursor = read_cursor(warehouse)
            seen.add(cursor.execute("SELECT count(*), coalesce(sum(attendance_total), 0) FROM fact_participation_event "
                                    "WHERE load_id IS NOT NULL").fetchall()[0])  # not the built demonstration rows
            cursor.close()

    reader = threading.Thread(target=read_totals)
    reader.start()
    loader.load(preview, warehouse, SOURCE, "editor")
    time.sleep(0.3)
    stop.set()
    reader.join()
    assert seen <= {(0, 0), new}, seen
    assert new in seen


def test_a_template_has_the_columns_of_the_schema_and_an_example_row():
    frame = loader.template("participation_events")
    assert list(frame.columns)[:4] == ["event_id", "event_date", "county", "ward"]
    assert "source_id" not in frame.columns and "load_id" not in frame.columns
    assert len(frame) == 1
    buffer = io.BytesIO(exports.to_csv(frame, "template"))
    assert buffer.getvalue().decode("utf-8-sig").splitlines()[1].startswith("event_id,event_date,county,ward")
