"""The committed reference set (data/reference/): reproducible from the public files, small, and cited."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jdp_analytics.warehouse.paths import REFERENCE_DIR, ROOT

REFERENCE = REFERENCE_DIR
PROVENANCE_FIELDS = ("publisher", "title", "url", "licence", "as_of")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def provenance() -> dict:
    return json.loads((REFERENCE / "provenance.json").read_text(encoding="utf-8"))


def test_rebuilding_the_reference_set_from_the_public_files_gives_the_committed_bytes(tmp_path, shared_data):
    result = subprocess.run([sys.executable, "-m", "jdp_analytics", "reference", "--sources", str(shared_data),
                             "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    rebuilt = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in REFERENCE.iterdir())
    assert rebuilt == committed
    differ = [name for name in committed if (tmp_path / name).read_bytes() != (REFERENCE / name).read_bytes()]
    assert differ == [], (f"these files of data/reference/ differ from a rebuild from {shared_data}: "
                          f"{', '.join(differ)}. Run `python -m jdp_analytics reference --sources {shared_data}`.")


def test_the_reference_set_holds_the_nineteen_derived_files_and_their_provenance():
    assert sorted(p.name for p in REFERENCE.iterdir()) == [
        "cbts_scores.csv", "census2019_county_population_groups.csv", "census2019_households_area.csv",
        "census2019_population_by_sex.csv", "census2019_sdg_indicators.csv", "census2019_subcounty_population.csv",
        "cob_budget_execution.csv", "cob_own_source_revenue.csv",
        "cob_reports.csv", "county_areas.csv", "county_boundaries.geojson", "kdhs2022_county_indicators.csv",
        "kdhs_national_indicators.csv", "khssp_targets.csv", "provenance.json",
        "reported_audit_opinions.csv", "reported_budget_approval.csv", "reported_pending_bills.csv",
        "reported_women_mcas.csv", "reported_women_mcas_supplement.csv"]


def test_the_county_boundaries_are_small_enough_for_the_browser():
    assert (REFERENCE / "county_boundaries.geojson").stat().st_size <= 300 * 1024


def test_the_county_boundaries_have_47_counties_in_knbs_order_with_the_ocha_attribution():
    boundaries = json.loads((REFERENCE / "county_boundaries.geojson").read_text(encoding="utf-8"))
    codes = [f["properties"]["county_code"] for f in boundaries["features"]]
    assert len(boundaries["features"]) == 47
    assert codes == [f"{n:03d}" for n in range(1, 48)]
    assert {f["geometry"]["type"] for f in boundaries["features"]} <= {"Polygon", "MultiPolygon"}
    assert "CC BY-IGO" in boundaries["attribution"]
    assert boundaries["attribution"] == "Boundaries: OCHA / IEBC / KNBS, COD-AB Kenya (HDX), CC BY-IGO"


def test_provenance_describes_every_derived_file_and_nothing_else(provenance):
    derived = sorted(p.name for p in REFERENCE.iterdir() if p.name != "provenance.json")
    assert sorted(provenance) == derived


@pytest.mark.parametrize("field", PROVENANCE_FIELDS)
def test_every_derived_file_states_its_publisher_title_url_licence_and_as_of_date(provenance, field):
    missing = [name for name, entry in provenance.items() if not str(entry.get(field, "")).strip()]
    assert missing == [], f"provenance.json has no {field!r} for {', '.join(missing)}"


def test_every_derived_file_is_dated_to_the_end_of_the_period_it_describes(provenance):
    assert {name: entry["as_of"] for name, entry in provenance.items()} == {
        "census2019_households_area.csv": "2019-08-24", "census2019_population_by_sex.csv": "2019-08-24",
        "census2019_subcounty_population.csv": "2019-08-24", "census2019_county_population_groups.csv": "2019-08-24",
        "census2019_sdg_indicators.csv": "2019-08-24",
        "cbts_scores.csv": "2024-06-30",
        "cob_budget_execution.csv": "2025-06-30", "cob_reports.csv": "2025-06-30",
        "cob_own_source_revenue.csv": "2024-06-30",
        "county_areas.csv": "2019-10-31", "county_boundaries.geojson": "2019-10-31",
        "kdhs2022_county_indicators.csv": "2022-07-31", "kdhs_national_indicators.csv": "2022-07-31",
        "khssp_targets.csv": "2017-06-30",
        "reported_audit_opinions.csv": "2025-09-30", "reported_budget_approval.csv": "2025-09-30",
        "reported_pending_bills.csv": "2025-09-30", "reported_women_mcas.csv": "2025-09-30",
        "reported_women_mcas_supplement.csv": "2025-09-30"}


def test_every_derived_file_has_a_64_hex_sha256_of_each_file_it_was_derived_from(provenance):
    problems = []
    for name, entry in provenance.items():
        hashes = entry.get("original_sha256") or {}
        if sorted(hashes) != sorted(entry["derived_from"]):
            problems.append(f"{name}: hashes for {sorted(hashes)}, derived from {sorted(entry['derived_from'])}")
        problems += [f"{name}: {path} has {value!r}" for path, value in hashes.items()
                     if not re.fullmatch(r"[0-9a-f]{64}", value)]
    assert problems == []


def test_the_recorded_hashes_match_the_files_in_the_public_folder(provenance, shared_data):
    recorded = {path: value for entry in provenance.values() for path, value in entry["original_sha256"].items()}
    assert len(recorded) == 24
    differ = [path for path, value in recorded.items() if sha256(shared_data / path) != value]
    assert differ == [], f"these public files changed since the reference set was derived: {', '.join(differ)}"


def test_the_boundaries_hash_is_that_of_the_ocha_admin1_file(provenance):
    assert provenance["county_boundaries.geojson"]["original_sha256"] == {
        "ocha-cod-ab/ken_admin1_counties.geojson": "8b81a47f90df6ec7ed147edcd97282da9dfac42e3f5957269e9f510cd1f6717c"}
