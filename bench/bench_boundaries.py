"""Benchmark of boundary uploads: how long checking one county's ward file takes in each format, and how many
bytes each target county's wards send to the browser after simplification to the budget.

Run: .venv/bin/python bench/bench_boundaries.py [--sources ../shared/data] [--runs 5]
Prints medians (and min/max) of several runs; it is not a test and asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import geopandas as gpd  # noqa: E402

from jdp_analytics.geography import boundaries  # noqa: E402
from jdp_analytics.geography.counties import COUNTIES, JDP_TARGETS  # noqa: E402
from jdp_analytics.warehouse import loader  # noqa: E402
from jdp_analytics.warehouse.build import build  # noqa: E402
from tests.geography.conftest import geopackage_bytes, shapefile_zip  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    warehouse = folder / "jdp.duckdb"
    build(warehouse, None, progress=lambda _: None)
    started = time.perf_counter()
    wards = gpd.read_file(args.sources / "wards-iebc-2012" / "kenya_wards.geojson", on_invalid="fix")
    print(f"read the IEBC ward file (1,439 features): {time.perf_counter() - started:.2f} s")
    homa_bay = wards[wards["county_name"] == "HOMA BAY"]
    files = {"homa_bay.geojson": homa_bay.to_json().encode(),
             "homa_bay.zip": shapefile_zip(homa_bay.to_crs("EPSG:32737"), folder / "shp"),
             "homa_bay.gpkg": geopackage_bytes(homa_bay, folder / "gpkg")}
    for name, data in files.items():
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            loader.prepare(data, name, "ward_boundaries", warehouse, effective_date=date(2012, 3, 6))
            times.append(time.perf_counter() - started)
        print(f"prepare {name:18} {len(data) / 1024:7,.0f} KB  median {statistics.median(times):.2f} s "
              f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)")
    for code in JDP_TARGETS:
        county = wards[wards["county_name"].str.replace("/", "-") == COUNTIES[code].upper().replace("/", "-")]
        kept = county.geometry.make_valid()
        raw = sum(len(boundaries.to_geojson(g)) for g in kept)
        started = time.perf_counter()
        _, tolerance, size = boundaries.simplify_for_browser(kept)
        small, small_tol, small_size = boundaries.simplify_for_browser(kept, 40_000)
        print(f"{COUNTIES[code]:12} {len(county):3} wards: kept {raw / 1024:6,.0f} KB; budget 244 KB -> "
              f"{size / 1024:5,.0f} KB (tolerance {tolerance * 111_000:,.0f} m); budget 39 KB -> "
              f"{small_size / 1024:4,.0f} KB ({small_tol * 111_000:,.0f} m) in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
