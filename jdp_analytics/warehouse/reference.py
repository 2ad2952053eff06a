"""The embedded reference set: small tables of published figures, derived from the public files.

`write(sources, folder)` rewrites `data/reference/` from a folder laid out like shared/data;
`load(sources)` returns the same tables either derived in memory from that folder or, with no
folder, read from the committed copy. Both paths give identical tables: the committed CSVs are
exactly what `derive_all` produces, and a test rebuilds them to prove they have not drifted.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd

from jdp_analytics.warehouse.paths import REFERENCE_DIR
from jdp_analytics.warehouse.sources import (
    Provenance,
    SourceError,
    as_reported,
    census,
    census_sdg,
    census_subcounty,
    cob,
    cob_osr,
    dhs_national,
    file_sha256,
    ibp_cbts,
    kdhs,
    khssp_targets,
    ocha,
)

MODULES = (cob, census, census_subcounty, kdhs, ibp_cbts, ocha, census_sdg, cob_osr, dhs_national, khssp_targets,
           as_reported)
PROVENANCE_FILE = "provenance.json"


def _csv_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _file_name(name: str, table) -> str:
    return f"{name}.geojson" if isinstance(table, dict) else f"{name}.csv"


def _file_text(table) -> str:
    if isinstance(table, dict):
        return json.dumps(table, separators=(",", ":"), ensure_ascii=False) + "\n"
    return _csv_text(table)


def _parse(name: str, text: str):
    if name.endswith(".geojson"):
        return json.loads(text)
    return pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False)


def derive_all(sources: Path) -> tuple[dict[str, str], dict]:
    """Derive every reference file from a sources folder; return {file name: text} and the provenance."""
    files, provenance = {}, {}
    for module in MODULES:
        prov: Provenance = module.PROVENANCE
        hashes = {path: file_sha256(Path(sources) / path) for path in prov.derived_from
                  if (Path(sources) / path).is_file()}
        for name, table in module.derive(Path(sources)).items():
            file_name = _file_name(name, table)
            files[file_name] = _file_text(table)
            provenance[file_name] = {**prov.as_dict(), "derived_from": list(prov.derived_from),
                                     "original_sha256": hashes}
    files[PROVENANCE_FILE] = json.dumps(provenance, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    return files, provenance


def write(sources: Path, folder: Path = REFERENCE_DIR) -> list[Path]:
    """Rewrite the reference set in `folder` from a sources folder; return the files written."""
    files, _ = derive_all(sources)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def load(sources: Path | None = None, folder: Path = REFERENCE_DIR) -> tuple[dict, dict]:
    """Return ({table name: DataFrame or GeoJSON dict}, provenance) from sources, else the committed set."""
    if sources is not None:
        files, provenance = derive_all(sources)
    else:
        manifest = folder / PROVENANCE_FILE
        if not manifest.is_file():
            raise SourceError(f"{manifest}: the reference set is missing; restore data/reference/ from the "
                              "repository or run `python -m jdp_analytics reference --sources DIR`.")
        provenance = json.loads(manifest.read_text(encoding="utf-8"))
        files = {}
        for name in provenance:
            path = folder / name
            if not path.is_file():
                raise SourceError(f"{path}: a file of the reference set is missing; restore it from the repository.")
            files[name] = path.read_text(encoding="utf-8")
    tables = {name.rsplit(".", 1)[0]: _parse(name, text) for name, text in files.items() if name != PROVENANCE_FILE}
    return tables, provenance


def original_sha256(provenance: dict, file_name: str) -> str:
    """Return the SHA-256 of the first published file a reference file was derived from."""
    hashes = provenance[file_name]["original_sha256"]
    return next(iter(hashes.values()), "")
