"""Validation and load throughput: a 1,000,000-row participation CSV and a 50,000-row XLSX, with peak memory.

Run: .venv/bin/python bench/bench_load.py [--rows 1000000] [--xlsx-rows 50000] [--runs 3]
Each run happens in a fresh process so that peak memory (VmHWM) belongs to that run alone.
Prints medians; asserts nothing.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, arguments

WARDS = ["Ukunda", "Tiwi", "Waa", "Kinondo", "Ramisi", "Vanga", "Puma", "Kinango", "Mwavumbo", "Kasemeni"]
HEADER = ["event_id", "event_date", "county", "ward", "venue", "budget_stage", "sectors", "organiser",
          "documents_shared", "documents_shared_days_before", "attendance_women", "attendance_men",
          "attendance_total", "attendance_youth", "attendance_pwd", "proposals_received", "proposals_adopted",
          "feedback_date"]


def rows(count: int):
    for i in range(count):
        women, men = 10 + i % 50, 8 + i % 40
        yield [f"E{i:08d}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "Kwale", WARDS[i % len(WARDS)], "Hall",
               "ADP", "Health", "Finance", "yes", str(i % 14), str(women), str(men), str(women + men),
               str(i % 18), str(i % 5), str(i % 9), str(min(i % 4, i % 9)), ""]


def write_csv(path: Path, count: int) -> None:
    """Write the rows of `rows` with DuckDB (ten million lines in seconds, not minutes of Python)."""
    import duckdb

    duckdb.connect().execute(f"""COPY (SELECT printf('E%08d', i) AS event_id,
            printf('2024-%02d-%02d', 1 + i % 12, 1 + i % 28) AS event_date, 'Kwale' AS county,
            list_extract(?, 1 + i % {len(WARDS)}) AS ward, 'Hall' AS venue, 'ADP' AS budget_stage, 'Health' AS sectors,
            'Finance' AS organiser, 'yes' AS documents_shared, i % 14 AS documents_shared_days_before,
            10 + i % 50 AS attendance_women, 8 + i % 40 AS attendance_men, 18 + i % 50 + i % 40 AS attendance_total,
            i % 18 AS attendance_youth, i % 5 AS attendance_pwd, i % 9 AS proposals_received,
            least(i % 4, i % 9) AS proposals_adopted, NULL AS feedback_date
        FROM range(?) t(i) ORDER BY i) TO '{path}' (HEADER, DELIMITER ',')""", [WARDS, count])


def write_xlsx(path: Path, count: int) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("events")
    sheet.append(["Kwale County public participation register"])
    sheet.append(HEADER)
    for row in rows(count):
        sheet.append(row)
    book.save(path)


CHILD = """
import json, sys, time
from datetime import date
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.harness import peak_mb
from jdp_analytics.warehouse import loader
path, warehouse, do_load = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "load"
start = time.perf_counter()
preview = loader.prepare(path, path.name, "participation_events", warehouse, max_bytes=2 * 1024 ** 3)
validated = time.perf_counter() - start
loaded = 0.0
if do_load:
    start = time.perf_counter()
    loader.load(preview, warehouse, loader.DeclaredSource("bench", "bench", "n/a", date(2025, 1, 1), is_demo=True),
                "bench")
    loaded = time.perf_counter() - start
print(json.dumps({{"rows": preview.row_count, "validate_s": validated, "load_s": loaded,
                  "peak_mb": peak_mb(), "lane": "staged" if preview.stage is not None else "full"}}))
"""


BARE = """
import duckdb, json, os, sys, time
sys.path.insert(0, sys.argv[2])
from bench.harness import peak_mb
target = sys.argv[3]  # ':memory:' or a database file (then checkpointed, as a load is)
start = time.perf_counter()
con = duckdb.connect(target)
con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [sys.argv[1]])
con.execute("CHECKPOINT")
con.close()
print(json.dumps({"read_s": time.perf_counter() - start,
                  "peak_mb": peak_mb()}))
if target != ":memory:":
    os.remove(target)
"""


def bare_read(path: Path, runs: int, target: str = ":memory:") -> float:
    """Print and return the median time DuckDB takes merely to read the CSV into a table (types guessed), in memory
    or into a database file."""
    results = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", BARE, str(path), str(ROOT), target], capture_output=True,
                             text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    read = statistics.median(r["read_s"] for r in results)
    peak = statistics.median(r["peak_mb"] for r in results)
    where = "into a table in memory" if target == ":memory:" else "into a table in a database file"
    print(f"{path.name:28s} DuckDB's bare read_csv {where}: median {read:6.2f} s, peak memory {peak:,.0f} MB "
          f"(n={runs})")
    return read


def measure(path: Path, warehouse: Path, runs: int, bare: float | None = None, bare_file: float | None = None) -> None:
    import shutil

    results = []
    for _ in range(runs):
        copy = warehouse.with_name("bench.duckdb")
        shutil.copyfile(warehouse, copy)
        out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT)), str(path), str(copy), "load"],
                             capture_output=True, text=True)
        if out.returncode:
            sys.exit(f"{path.name}: the run failed:\n{out.stderr[-3000:]}")
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    n = results[0]["rows"]
    validate = statistics.median(r["validate_s"] for r in results)
    load = statistics.median(r["load_s"] for r in results)
    peak = statistics.median(r["peak_mb"] for r in results)
    lane = results[0].get("lane", "full")
    print(f"{path.name:28s} {n:>9,} rows ({lane} lane)  read+validate median {validate:6.1f} s "
          f"({n / validate:>9,.0f} rows/s)  "
          f"load median {load:5.1f} s ({n / load:>9,.0f} rows/s)  peak memory median {peak:,.0f} MB  (n={runs})")
    if bare:
        both = statistics.median(r["validate_s"] + r["load_s"] for r in results)
        print(f"{'':28s} validate and load: {both / bare:.1f}x DuckDB's bare read of the same file into memory"
              + (f", {both / bare_file:.1f}x its bare read into a database file" if bare_file else ""))


def main() -> None:
    parser = arguments(__doc__, runs=3)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=50_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from jdp_analytics.warehouse.build import build

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        warehouse = folder / "jdp.duckdb"
        build(warehouse, None, progress=lambda _: None)
        started = time.perf_counter()
        csv = folder / f"participation_{args.rows}_lines.csv"
        write_csv(csv, args.rows)
        write_xlsx(folder / "participation_50k.xlsx", args.xlsx_rows)
        print(f"(test files written in {time.perf_counter() - started:.0f} s: "
              f"{csv.stat().st_size / 1e6:.0f} MB CSV, "
              f"{(folder / 'participation_50k.xlsx').stat().st_size / 1e6:.1f} MB XLSX)")
        bare = bare_read(csv, args.runs)
        bare_file = bare_read(csv, args.runs, str(folder / "bare.duckdb"))
        measure(csv, warehouse, args.runs, bare, bare_file)
        measure(folder / "participation_50k.xlsx", warehouse, args.runs)


if __name__ == "__main__":
    main()
