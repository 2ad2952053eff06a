"""Command line: `python -m jdp_analytics build|reference ...`."""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from jdp_analytics.warehouse import lake, loader, reference
from jdp_analytics.warehouse.build import BuildError, build, ensure_warehouse
from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE, REFERENCE_DIR, REPORTS_DIR
from jdp_analytics.warehouse.schema import MAX_PROBLEMS, ValidationError
from jdp_analytics.warehouse.sources import SourceError

WAREHOUSE_HELP = (f"warehouse file, or a DuckLake target 'ducklake:postgres:dbname=jdp host=…' with JDP_LAKE_DATA "
                  f"set (default: $JDP_WAREHOUSE, else {DEFAULT_WAREHOUSE})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jdp_analytics", description="JDP Analytics warehouse tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="build the DuckDB warehouse from scratch")
    b.add_argument("--sources", type=Path, help="folder laid out like shared/data (default: the embedded reference "
                                                "set in data/reference/)")
    b.add_argument("--out", "--warehouse", dest="out", help=WAREHOUSE_HELP)
    r = commands.add_parser("reference", help="rewrite data/reference/ from the published source files")
    r.add_argument("--sources", type=Path, required=True, help="folder laid out like shared/data")
    r.add_argument("--out", type=Path, default=REFERENCE_DIR, help=f"reference folder (default: {REFERENCE_DIR})")
    ld = commands.add_parser("load", help="validate a CSV, XLSX or geometry file and load it into the warehouse")
    ld.add_argument("file", type=Path, help="the CSV or XLSX file")
    ld.add_argument("--kind", required=True, choices=sorted(loader.KINDS), help="what the file holds")
    ld.add_argument("--warehouse", help=WAREHOUSE_HELP)
    ld.add_argument("--dry-run", action="store_true", help="check and preview only; change nothing")
    ld.add_argument("--sheet", help="XLSX sheet or GeoPackage layer name (default: the first)")
    ld.add_argument("--effective-date", type=date.fromisoformat, help="boundary kinds: the date the boundary set "
                    "took effect, YYYY-MM-DD (or an effective_date column in the file)")
    ld.add_argument("--publisher", help="who published the figures (required unless --dry-run)")
    ld.add_argument("--title", help="title of the publication or register (default: the file name)")
    ld.add_argument("--licence", default="Not stated", help="licence or terms of use")
    ld.add_argument("--as-of", type=date.fromisoformat, help="date the figures describe, YYYY-MM-DD")
    ld.add_argument("--url", default="", help="address of the publication")
    ld.add_argument("--demo", action="store_true", help="the rows are generated demonstration data")
    ld.add_argument("--user", default=os.environ.get("USER", "cli"), help="who is loading (for the audit log)")
    ld.add_argument("--max-mb", type=float, default=50, help="refuse files larger than this (default 50 MB, as the "
                                                               "upload page); raise it for large registers")
    ld.add_argument("--ignore-column", action="append", default=[], metavar="NAME",
                    help="leave this column of the file out (repeat for several); the load log records it")
    ld.add_argument("--geography", metavar="KE|CODE", help="where the rows of an Open SDG file are for when the file "
                                                          "does not say: KE (Kenya as a whole) or a county code")
    ld.add_argument("--max-problems", type=int, default=MAX_PROBLEMS,
                    help=f"stop checking after this many problems (default {MAX_PROBLEMS:,})")
    rb = commands.add_parser("rollback", help="roll a load back: remove its rows and restore what it replaced")
    rb.add_argument("load_id")
    rb.add_argument("--warehouse", help=WAREHOUSE_HELP)
    rb.add_argument("--user", default=os.environ.get("USER", "cli"))
    v = commands.add_parser("vacuum", help="DuckLake: delete the data files no snapshot lists (left by killed loads)")
    v.add_argument("--older-than-hours", type=float, default=1.0,
                   help="only files older than this (default 1 h: longer than any load runs)")
    v.add_argument("--warehouse", help=WAREHOUSE_HELP)
    rp = commands.add_parser("report", help="make a document: county briefing pack (brief-pdf, brief-pptx), quarterly "
                                            "progress report (quarterly) or donor results workbook (workbook)")
    rp.add_argument("kind", choices=["brief-pdf", "brief-pptx", "quarterly", "workbook"])
    rp.add_argument("--county", help="KNBS county code, e.g. 043 (required for a brief; default: the whole programme)")
    rp.add_argument("--period", help="results quarter (2026Q3) or fiscal year (2023/24); the other defaults to the "
                                     "latest in the warehouse")
    rp.add_argument("--fy", help="fiscal year of the budget figures, e.g. 2023/24 (default: latest)")
    rp.add_argument("--outcome", default="all", help="O1, O2, O3 or RE (default: all)")
    rp.add_argument("--agency", default="all", help="UNDP, UNICEF, 'UN Women' or SDD (default: all)")
    rp.add_argument("--include-demo", action="store_true", dest="include_demo",
                    help="add the sections built on generated demonstration data, each page or slide of them marked "
                         "(default: real figures only)")
    rp.add_argument("--out", type=Path,
                    help="output file (default: a descriptive name in the reports/ folder of the clone)")
    rp.add_argument("--app-url", help="public address of the app, for the links that reopen the view "
                                      "(default: $JDP_APP_URL; without one the document says it has no links)")
    rp.add_argument("--lang", choices=["en", "sw"], default="en",
                    help="language of the document: en (English, default) or sw (Kiswahili)")
    rp.add_argument("--warehouse", help=WAREHOUSE_HELP)
    g = commands.add_parser("generate", help="build a national demonstration warehouse: 47 counties, their wards, "
                                             "12 fiscal years and N generated budget line items (all marked demo)")
    g.add_argument("--lines", type=int, required=True, help="number of budget line items, e.g. 10000000")
    g.add_argument("--out", type=Path, required=True, help="warehouse file to write")
    t = commands.add_parser("template", help="write a kind's upload template (CSV or XLSX by the file's extension)")
    t.add_argument("kind", choices=sorted(loader.KINDS))
    t.add_argument("--rows", type=int, help="generate this many valid rows instead of the example row(s)")
    t.add_argument("--out", type=Path, required=True, help="file to write: .csv or .xlsx")
    tr = commands.add_parser("translations", help="message catalogs: 'update' re-extracts the messages and merges them "
                                                  "into each language's .po; 'check' lists what is not translated")
    tr.add_argument("action", choices=["update", "check"])
    args = parser.parse_args(argv)
    if args.command == "translations":
        return _translations(args.action)
    # The warehouse: a file path, or a DuckLake target such as ducklake:postgres:dbname=jdp … ($JDP_WAREHOUSE).
    if args.command == "build":
        args.out = lake.target(args.out)
    elif hasattr(args, "warehouse"):
        args.warehouse = lake.target(args.warehouse)
    if args.command in ("generate", "template"):
        return _generate(args)
    if args.command == "report":
        return _report(args, parser)
    try:
        if args.command == "build":
            build(args.out, args.sources, progress=lambda line: print(line, file=sys.stderr, flush=True))
        elif args.command == "reference":
            for path in reference.write(args.sources, args.out):
                print(f"wrote {path} ({path.stat().st_size:,} bytes)")
        elif args.command == "load":
            return _load(args, parser)
        elif args.command == "vacuum":
            if not lake.is_lake(args.warehouse):
                print("nothing to do: a DuckDB file keeps no files beside it (vacuum is for a DuckLake warehouse)")
                return 0
            removed = lake.remove_orphaned_files(args.warehouse, timedelta(hours=args.older_than_hours))
            print(f"removed {len(removed):,} data file(s) no snapshot lists")
        else:
            removed = loader.rollback(args.load_id, args.warehouse, args.user)
            print(f"rolled back {args.load_id}: {removed:,} rows removed, replaced rows restored")
    except (BuildError, SourceError, loader.LoadError, lake.LakeError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def _translations(action: str) -> int:
    from jdp_analytics.common import catalogs

    if action == "update":
        for lang, count in catalogs.update().items():
            print(f"{catalogs.i18n.catalog_path(lang)}: {count} messages")
    gaps = catalogs.gaps()
    for gap in gaps:
        print(gap)
    print(f"{len(gaps)} message(s) without a translation")
    return 1 if gaps and action == "check" else 0


def _generate(args) -> int:
    from jdp_analytics.warehouse import national, templates

    try:
        if args.command == "generate":
            if args.lines < 0:
                raise ValueError("--lines must be 0 or more.")
            national.generate(args.lines, args.out, progress=lambda line: print(line, file=sys.stderr, flush=True))
        else:
            count = templates.write(args.kind, args.out, args.rows)
            print(f"wrote {args.out}: the {args.kind} template with {count:,} row(s)")
    except (ValueError, BuildError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


def _load(args, parser) -> int:
    if not args.file.is_file():
        print(f"error: {args.file}: no such file.", file=sys.stderr)
        return 1
    if not args.dry_run and not (args.publisher and args.as_of):
        parser.error("load needs --publisher and --as-of (the source of the figures), or --dry-run")
    if lake.is_lake(args.warehouse) or Path(args.warehouse).exists():
        ensure_warehouse(args.warehouse)  # a warehouse of an older schema is upgraded first
    max_bytes = int(args.max_mb * 1024 * 1024)
    data = args.file  # read from disk: DuckDB's CSV reader reads the file itself, without a copy in memory
    started = time.perf_counter()
    print(f"{args.file.name}: reading and checking {args.file.stat().st_size / 1e6:,.1f} MB …", file=sys.stderr,
          flush=True)
    try:
        preview = loader.prepare(data, args.file.name, args.kind, args.warehouse, sheet=args.sheet,
                                 max_bytes=max_bytes, ignore_columns=tuple(args.ignore_column),
                                 geography=args.geography, max_problems=args.max_problems,
                                 effective_date=args.effective_date,
                                 size_fix=f"split the file by fiscal year or county, or raise the limit with --max-mb "
                                          f"(now {args.max_mb:g})")
    except ValidationError as err:
        print(f"error: {args.file.name}: {err.total:,} problem(s); nothing was loaded.", file=sys.stderr)
        for line in err.describe():
            print(f"  {line}", file=sys.stderr)
        return 1
    print(f"{args.file.name}: {preview.row_count:,} rows valid: {preview.rows_added:,} to add, "
          f"{preview.rows_replaced:,} to replace.")
    print(f"  checked in {time.perf_counter() - started:,.1f} s", file=sys.stderr)
    for note in preview.notes:
        print(f"  note: {note}")
    for row in preview.totals.itertuples():
        print(f"  total {row.column}: {row.before:,.0f} before, {row.after:,.0f} after")
    if args.dry_run:
        print("dry run: nothing was loaded.")
        return 0
    source = loader.DeclaredSource(args.publisher, args.title or args.file.name, args.licence, args.as_of, args.url,
                                   args.demo)
    print(f"loading {preview.row_count:,} rows …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    load_id = loader.load(preview, args.warehouse, source, args.user)
    print(f"loaded as {load_id}")
    print(f"  loaded in {time.perf_counter() - started:,.1f} s", file=sys.stderr)
    return 0


def _report(args, parser) -> int:
    import dataclasses
    import re

    from jdp_analytics.documents import make, sections, style
    from jdp_analytics.documents.sections import ReportData, ReportView, default_fiscal_year, default_period
    from jdp_analytics.geography.counties import COUNTIES
    from jdp_analytics.results.tables import AGENCIES
    from jdp_analytics.results.views import OUTCOMES
    from jdp_analytics.warehouse.build import ensure_warehouse

    county = None if args.county in (None, "all") else args.county
    if county is not None and county not in COUNTIES:
        parser.error(f"--county {args.county!r} is not a county code; use 001 to 047, e.g. 043 for Homa Bay")
    if args.kind.startswith("brief") and county is None:
        parser.error("a county briefing pack needs --county, e.g. --county 043")
    if args.outcome != "all" and args.outcome not in OUTCOMES:
        parser.error(f"--outcome must be one of: all, {', '.join(OUTCOMES)}")
    if args.agency != "all" and args.agency not in AGENCIES:
        parser.error(f"--agency must be one of: all, {', '.join(AGENCIES)}")
    data = ReportData(ensure_warehouse(args.warehouse), include_demo=args.include_demo)
    quarter, fiscal_year = None, args.fy
    if args.period and re.fullmatch(r"20\d\dQ[1-4]", args.period):
        quarter = args.period
    elif args.period and re.fullmatch(r"20\d\d/\d\d", args.period):
        fiscal_year = args.period
    elif args.period:
        parser.error(f"--period {args.period!r}: write a quarter as 2026Q3 or a fiscal year as 2023/24")
    years = data.query("fiscal_years")["fiscal_year"].tolist()
    periods = data.query("result_periods")["period"].tolist()
    fiscal_year = fiscal_year or default_fiscal_year(data)
    quarter = quarter or default_period(data)
    if fiscal_year not in years:
        print(f"error: the warehouse has no budget figures for FY {fiscal_year}; it has {years[-1]} to {years[0]}.",
              file=sys.stderr)
        return 1
    if not periods and not args.kind.startswith("brief") and not args.include_demo and \
            sections.results_are_demo(args.warehouse):
        print(f"error: {make.DEMO_RESULTS}", file=sys.stderr)
        return 1
    if quarter not in periods and not (args.kind.startswith("brief") and not periods):
        print(f"error: no indicator value was reported for {quarter}; the warehouse has "
              f"{', '.join(sorted(periods)) or 'none'}.", file=sys.stderr)
        return 1
    view = ReportView(county, fiscal_year, quarter, args.outcome, args.agency, include_demo=args.include_demo,
                      lang=args.lang)
    if args.app_url:
        view = dataclasses.replace(view, app_url=args.app_url.strip().rstrip("/"))
    out = args.out or REPORTS_DIR / make.file_name(args.kind, view)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        content = make.make(args.kind, args.warehouse, view)
    except style.ReportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    out.write_bytes(content)
    print(f"wrote {out} ({len(content):,} bytes): {view.describe()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
