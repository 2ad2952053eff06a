"""Boundary files for one county, made at test time from Homa Bay's test wards (tests/files/wards: OCHA's constituency
polygons cut into one strip per ward, since the IEBC ward file's licence is unclear): GeoJSON, a zipped Shapefile in
UTM 37S and a GeoPackage."""

from __future__ import annotations

import hashlib
import io
import shutil
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pytest

from tests.conftest import TEST_WARDS

HOMA_BAY = "043"


@pytest.fixture(scope="session")
def homa_bay_wards() -> gpd.GeoDataFrame:
    """Homa Bay's 40 test wards, named as the IEBC file names wards (upper case, WGS84), in ward-code order: test
    polygons, not ward boundaries (tests/files/published/README.md)."""
    return gpd.read_file(TEST_WARDS)


@pytest.fixture(scope="session")
def iebc_homa_bay_wards(shared_data) -> gpd.GeoDataFrame:
    """Homa Bay's 40 wards from the public IEBC 2012 file, as published (upper-case names, WGS84)."""
    wards = gpd.read_file(shared_data / "wards-iebc-2012" / "kenya_wards.geojson", on_invalid="fix")
    return wards[wards["county_name"] == "HOMA BAY"].reset_index(drop=True)


def geojson_bytes(frame: gpd.GeoDataFrame) -> bytes:
    return frame.to_json().encode("utf-8")


def shapefile_zip(frame: gpd.GeoDataFrame, folder: Path, with_prj: bool = True) -> bytes:
    """Return a zipped Shapefile of the frame (its .prj left out on request)."""
    folder.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():  # field names cut to 10 characters, as every Shapefile does
        warnings.simplefilter("ignore")
        frame.to_file(folder / "wards.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for suffix in ("shp", "shx", "dbf", "cpg") + (("prj",) if with_prj else ()):
            if (folder / f"wards.{suffix}").exists():
                archive.write(folder / f"wards.{suffix}", f"wards.{suffix}")
    return buffer.getvalue()


def geopackage_bytes(frame: gpd.GeoDataFrame, folder: Path, layer: str = "wards") -> bytes:
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_file(folder / "wards.gpkg", layer=layer, driver="GPKG")
    return (folder / "wards.gpkg").read_bytes()


@pytest.fixture
def boundary_file(homa_bay_wards, tmp_path) -> Callable[[str], tuple[bytes, str]]:
    """Return (bytes, file name) of Homa Bay's wards in a format: geojson, shapefile (UTM 37S) or geopackage."""
    def make(form: str, frame: gpd.GeoDataFrame | None = None) -> tuple[bytes, str]:
        frame = homa_bay_wards if frame is None else frame
        if form == "geojson":
            return geojson_bytes(frame), "homa_bay_wards.geojson"
        if form == "shapefile":
            return shapefile_zip(frame.to_crs("EPSG:32737"), tmp_path / "shp"), "homa_bay_wards.zip"
        return geopackage_bytes(frame, tmp_path / "gpkg"), "homa_bay_wards.gpkg"
    return make


@pytest.fixture
def upload_warehouse(reference_warehouse, tmp_path, monkeypatch) -> Path:
    """A copy of the reference warehouse (no ward boundaries) that the app reads and a test may load into."""
    copy = tmp_path / "jdp.duckdb"
    shutil.copyfile(reference_warehouse, copy)
    monkeypatch.setenv("JDP_WAREHOUSE", str(copy))
    return copy


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
