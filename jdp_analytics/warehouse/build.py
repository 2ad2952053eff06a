"""Build the DuckDB warehouse from the reference set (default) or from a folder of public sources.

The build writes a new file beside the target and renames it into place only when every step
succeeded, so a failed build leaves the previous warehouse byte-identical.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import _
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.geography.names import Gazetteer
from jdp_analytics.warehouse import catalog, lake, reference, registry, rollups, schema
from jdp_analytics.warehouse.paths import DEFAULT_WAREHOUSE
from jdp_analytics.warehouse.sources import (
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
    iebc_wards,
    kdhs,
    kenya_data,
    khssp_targets,
    ocha,
    sdg_catalogue,
)

Progress = Callable[[str], None]


class BuildError(RuntimeError):
    """A build that failed; the message is one paragraph naming the file, row or field and the problem."""


def collect(sources: Path | None, progress: Progress, demo: bool = True) -> dict[str, pd.DataFrame]:
    """Return every warehouse table as a frame, validated against the schema; without `demo`, the published and
    reference rows only (no generator runs: add_demonstration adds their rows later)."""
    steps = 6 if sources is not None else 5
    progress(f"[1/{steps}] Reading the {'sources in ' + str(sources) if sources else 'embedded reference set'}")
    ref, prov = reference.load(sources)
    parts: list[dict[str, pd.DataFrame]] = []
    progress(f"[2/{steps}] Controller of Budget execution, census 2019, KDHS 2022, budget transparency survey, "
             "county boundaries")
    parts.append(cob.to_warehouse(ref, reference.original_sha256(prov, "cob_budget_execution.csv")))
    parts.append(census.to_warehouse(ref, COUNTIES, reference.original_sha256(prov,
                                                                             "census2019_population_by_sex.csv")))
    parts.append(census_subcounty.to_warehouse(ref, reference.original_sha256(
        prov, "census2019_subcounty_population.csv")))
    parts.append(ibp_cbts.to_warehouse(ref, reference.original_sha256(prov, "cbts_scores.csv")))
    parts.append(kdhs.to_warehouse(ref, reference.original_sha256(prov, "kdhs2022_county_indicators.csv")))
    kdhs_part = parts[-1]
    parts.append(dhs_national.to_warehouse(  # Kenya's value of each KDHS indicator the county file has, 2022 and 2014
        ref, reference.original_sha256(prov, "kdhs_national_indicators.csv"),
        set(kdhs_part["dim_indicator"]["indicator_code"])))
    parts.append(khssp_targets.to_warehouse(ref, reference.original_sha256(prov, "khssp_targets.csv")))
    parts.append(as_reported.to_warehouse(ref, reference.original_sha256(prov, "reported_audit_opinions.csv")))
    parts.append(ocha.to_warehouse(ref, reference.original_sha256(prov, "county_boundaries.geojson")))
    parts.append(sdg_catalogue.to_warehouse())
    parts.append(census_sdg.to_warehouse(ref, reference.original_sha256(prov, "census2019_sdg_indicators.csv")))
    parts.append(cob_osr.to_warehouse(ref, reference.original_sha256(prov, "cob_own_source_revenue.csv")))
    progress(f"[3/{steps}] Ward hierarchy (kenya-data {'in ' + str(sources) if sources else 'package'})")
    hierarchy, sha = kenya_data.read(sources)
    parts.append(kenya_data.to_warehouse(hierarchy, sha))
    frames: dict[str, pd.DataFrame] = {}
    for part in parts:
        _merge(frames, part)
    generated: dict[str, str] = {}  # table → the module whose reference or demonstration rows it holds
    for area in registry.references():  # the areas' own reference tables (the default assessment framework)
        part = area.reference()
        generated.update({name: area.reference.__module__ for name in part if name != "source"})
        _merge(frames, part)
    for area in registry.demonstrations() if demo else ():  # each sees the published tables and earlier areas' rows
        part = area.demo(frames)
        generated.update({name: area.demo.__module__ for name in part if name != "source"})
        _merge(frames, part)
    if sources is not None and (Path(sources) / iebc_wards.WARDS_FILE).is_file():
        progress(f"[4/{steps}] Ward boundaries (IEBC 2012), simplified")
        constituencies, known_wards = frames["dim_constituency"], frames["dim_ward"]
        gazetteer = Gazetteer(
            {r.constituency_code: (r.constituency_name, r.county_code) for r in constituencies.itertuples()},
            {r.ward_code: (r.ward_name, r.constituency_code, r.county_code) for r in known_wards.itertuples()})
        wards = iebc_wards.derive(Path(sources), gazetteer)
        _merge(frames, iebc_wards.to_warehouse(wards, file_sha256(Path(sources) / iebc_wards.WARDS_FILE)))
    progress(f"[{steps - 1}/{steps}] Checking every table against the schema")
    known = catalog.known_values(frames)
    return {name: schema.validate(table, frames[name],
                                  f"{name} (built from {', '.join(_origins(name, prov, generated))})", known)
            for name, table in catalog.TABLES.items() if name in frames}


def _merge(frames: dict[str, pd.DataFrame], part: dict[str, pd.DataFrame]) -> None:
    """Add a part's tables to the frames collected so far (a table two parts give is their rows, in order)."""
    for name, frame in part.items():
        frames[name] = pd.concat([frames[name], frame], ignore_index=True) if name in frames else frame


def _origins(table: str, provenance: dict, generated: dict[str, str]) -> list[str]:
    files = {"fact_budget_execution": "cob_budget_execution.csv", "dim_county": "census2019_population_by_sex.csv",
             "fact_indicator": "kdhs2022_county_indicators.csv", "dim_indicator": "kdhs2022_county_indicators.csv",
             "geo_county": "county_boundaries.geojson",
             "dim_subcounty_population": "census2019_subcounty_population.csv",
             "fact_county_population_group": "census2019_county_population_groups.csv",
             "fact_budget_transparency_score": "cbts_scores.csv",
             "fact_indicator_observation": "census2019_sdg_indicators.csv",
             "fact_own_source_revenue": "cob_own_source_revenue.csv",
             "fact_reported_statement": "reported_audit_opinions.csv"}
    if table == "fact_indicator_observation":
        return [files[table], "kdhs_national_indicators.csv"]
    if table in generated:
        return [generated[table]]
    entry = provenance.get(files.get(table, ""), {})
    return entry.get("derived_from", ["kenya-data"]) if entry else ["the source modules"]


def write_warehouse(frames: dict[str, pd.DataFrame], path: Path, info: dict[str, str]) -> None:
    """Create a new DuckDB file at `path` from the schema DDL and insert every frame."""
    con = duckdb.connect(str(path))
    try:
        for statement in catalog.ddl():
            con.execute(statement)
        for name, frame in frames.items():
            _insert(con, name, frame)
        rollups.refresh(con)
        con.executemany("INSERT INTO build_info VALUES (?, ?)", sorted(info.items()))
        con.execute("CHECKPOINT")
    finally:
        con.close()


def build(out: Path = DEFAULT_WAREHOUSE, sources: Path | None = None, progress: Progress = print,
          demo: bool = True) -> dict[str, int]:
    """Build the warehouse at `out` atomically; return the row count of each table. Without `demo`, the published
    and reference rows only: the app's first start shows them at once and adds the generated ones after
    (add_demonstration), since only a viewer who switches demonstration data on reads those."""
    started = time.perf_counter()
    out = str(out) if lake.is_lake(out) else Path(out)
    if sources is not None and not Path(sources).is_dir():
        raise BuildError(f"{sources}: no such folder. Pass --sources a folder laid out like shared/data.")
    try:
        frames = collect(Path(sources) if sources else None, progress, demo)
    except (SourceError, schema.ValidationError) as err:
        raise BuildError(f"The build stopped and the previous warehouse was left as it was: {err}") from None
    info = {"built_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "built_from": f"sources folder {Path(sources).resolve()}" if sources else "embedded reference set",
            "has_ward_boundaries": str("geo_ward" in frames).lower(), "schema_version": catalog.version(),
            DEMO_ROWS: str(demo).lower()}
    if lake.is_lake(out):  # one DuckLake transaction: readers see the old warehouse until it commits
        lake.write_warehouse(frames, out, info, _insert)
        return _built(out, frames, started, progress)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.building")
    tmp.unlink(missing_ok=True)
    try:
        write_warehouse(frames, tmp, info)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return _built(out, frames, started, progress)


def _built(out, frames: dict[str, pd.DataFrame], started: float, progress: Progress) -> dict[str, int]:
    counts = {name: len(frame) for name, frame in frames.items()}
    progress(f"Built {out} in {time.perf_counter() - started:.1f} s: "
             + ", ".join(f"{name} {count:,}" for name, count in counts.items()))
    return counts


DEMO_ROWS = "has_demonstration_rows"  # build_info key: "false" until add_demonstration has run on a quick first build


def add_demonstration(path: Path) -> dict[str, int]:
    """Add the generated demonstration rows (and their source rows) to a warehouse built without them, in one atomic
    copy-and-swap (readers keep the real rows until it is done); return the rows added per table. Does nothing on a
    warehouse that has them. Every table the generators fill holds generated rows only, under demonstration sources."""
    from jdp_analytics.warehouse.loader import writable_copy

    if _build_info(path).get(DEMO_ROWS, "true") == "true":
        return {}
    frames = collect(None, progress=lambda _: None, demo=True)
    demo_sources = set(frames["source"].loc[frames["source"]["is_demo"].fillna(False).astype(bool), "source_id"])
    added = {}
    with writable_copy(path) as con:
        have = {source_id for (source_id,) in con.execute("SELECT source_id FROM source").fetchall()}
        for name, frame in frames.items():
            if "source_id" not in frame.columns:
                continue
            rows = frame[frame["source_id"].isin(demo_sources - have if name == "source" else demo_sources)]
            if not rows.empty:
                _insert(con, name, rows)
                added[name] = len(rows)
        rollups.refresh(con)
        con.execute("UPDATE build_info SET value = 'true' WHERE key = ?", [DEMO_ROWS])
    return added


def _build_info(path: Path | str) -> dict[str, str]:
    from jdp_analytics.warehouse.queries import read_cursor

    cursor = read_cursor(path)
    try:
        return dict(cursor.execute("SELECT key, value FROM build_info").fetchall())
    except duckdb.CatalogException:
        return {}
    finally:
        cursor.close()


def ensure_warehouse(path: Path = DEFAULT_WAREHOUSE, demo: bool = True) -> Path:
    """Return the warehouse path: built from the embedded reference set if absent (without `demo`, its published and
    reference rows only: add_demonstration adds the generated ones), upgraded if its schema is older."""
    if lake.is_lake(path):
        if not lake.has_warehouse(str(path)):
            build(path, None, progress=lambda _: None)
        elif _schema_version(path) != catalog.version():
            raise BuildError(f"the lake {path} holds an older warehouse schema; rebuild it with python -m "
                             "jdp_analytics build --warehouse (a lake is not upgraded in place).")
        return path
    if not Path(path).exists():
        build(path, None, progress=lambda _: None, demo=demo)
    elif _schema_version(Path(path)) != catalog.version():
        upgrade(Path(path))
    return Path(path)


def _schema_version(path: Path | str) -> str | None:
    return _build_info(path).get("schema_version")


def upgrade(path: Path) -> list[str]:
    """Add the tables and columns a newer schema has to an existing warehouse, keeping every row it holds.

    A table that is new arrives with the rows the embedded build has for it (reference figures or labelled
    demonstration rows) and their source rows, so an upgraded warehouse shows what a fresh one does. Runs through
    the loader's atomic copy-and-swap, so readers never see a half-upgraded file.
    """
    from jdp_analytics.warehouse.loader import writable_copy

    changes, created = [], []
    with writable_copy(path) as con:
        present = {name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        for table, statement in zip(catalog.TABLES.values(), catalog.ddl()):
            if table.name not in present:
                con.execute(statement)
                changes.append(f"table {table.name}")
                created.append(table.name)
                continue
            columns = {c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?",
                                                  [table.name]).fetchall()}
            for column in table.columns:
                if column.name not in columns:
                    if column.required:
                        raise BuildError(f"{path}: the warehouse lacks the required column {table.name}."
                                         f"{column.name}; rebuild it with python -m jdp_analytics build.")
                    con.execute(f"ALTER TABLE {catalog.identifier(table.name)} ADD COLUMN "
                                f"{catalog.identifier(column.name)} {column.type}")
                    changes.append(f"column {table.name}.{column.name}")
        changes += _drop_primary_keys(con)
        if created:
            _fill_new_tables(con, created)
        rollups.refresh(con)
        con.execute("DELETE FROM build_info WHERE key = 'schema_version'")
        con.execute("INSERT INTO build_info VALUES ('schema_version', ?)", [catalog.version()])
    return changes


def _drop_primary_keys(con) -> list[str]:
    """Recreate, from today's DDL and with every row, each table an older build gave a PRIMARY KEY (the loader keeps
    keys now; see catalog.ddl): DuckDB cannot drop the constraint, and its index slowed every load."""
    statements = dict(zip([*catalog.TABLES, "build_info"], catalog.ddl()))
    keyed = [name for (name,) in con.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' "
        "ORDER BY table_name").fetchall() if name in statements]
    for name in keyed:  # names from the schema's own statements, never a user's text
        columns = [c for (c,) in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [name]).fetchall()]
        listed = ", ".join(f'"{c}"' for c in columns if '"' not in c)
        con.execute(f"CREATE TEMP TABLE kept_rows AS SELECT {listed} FROM {name}")
        con.execute(f"DROP TABLE {name}")
        con.execute(statements[name])
        con.execute(f"INSERT INTO {name} ({listed}) SELECT {listed} FROM kept_rows")
        con.execute("DROP TABLE kept_rows")
    return [f"primary key of {name} dropped" for name in keyed]


def _fill_new_tables(con, created: list[str]) -> None:
    """Insert the embedded build's rows of newly created tables, the dimension rows they need, and their sources.

    Dimension rows (counties, wards, indicators…) the warehouse lacks are added; rows it has are left as they are.
    """
    frames = collect(None, progress=lambda _: None)
    wanted = set()
    for name in created:
        frame = frames.get(name)
        if frame is None or frame.empty:
            continue
        if "source_id" in frame.columns:
            wanted |= set(frame["source_id"].dropna())
        _insert(con, name, frame)
    for table in catalog.TABLES.values():
        if table.group != "dimension" or table.name in created or table.name not in frames:
            continue
        present = set(con.execute(f"SELECT {', '.join(catalog.identifier(k) for k in table.key)} "
                                  f"FROM {catalog.identifier(table.name)}").fetchall())
        frame = frames[table.name]
        missing = frame[[tuple(row) not in present for row in frame[list(table.key)].itertuples(index=False)]]
        if not missing.empty:
            wanted |= set(missing["source_id"].dropna())
            _insert(con, table.name, missing)
    have = {source_id for (source_id,) in con.execute("SELECT source_id FROM source").fetchall()}
    sources = frames["source"][frames["source"]["source_id"].isin(wanted - have)]
    if not sources.empty:
        _insert(con, "source", sources)


def _insert(con, name: str, frame: pd.DataFrame) -> None:
    columns = ", ".join(catalog.identifier(c) for c in frame.columns)
    con.register("incoming", frame)
    con.execute(f"INSERT INTO {catalog.identifier(name)} ({columns}) SELECT {columns} FROM incoming")
    con.unregister("incoming")


NATIONAL_ORIGIN = re.compile(r"embedded reference set \+ national demonstration generator \(([\d,]+) budget lines\)")


def caption(info: dict[str, str]) -> str:
    """Return when and from what the warehouse was built, in the current language, from its build_info rows (the
    `built_from` this module and national.py write, read back into words)."""
    built_from = info.get("built_from", "?")
    if built_from == "embedded reference set":
        origin = _("the embedded reference set")
    elif built_from.startswith("sources folder "):
        origin = _("the published source files listed above")  # the server's folder is for editors only
    elif found := NATIONAL_ORIGIN.fullmatch(built_from):
        origin = _("the embedded reference set and the national demonstration generator ({lines} budget lines)"
                   ).format(lines=formatting.number(int(found[1].replace(",", ""))))
    else:
        origin = built_from
    built_at = info.get("built_at")
    built = formatting.as_of(datetime.fromisoformat(built_at).date()) if built_at else "?"
    if info.get("has_ward_boundaries") == "true":
        return _("Warehouse built {built} from {origin}. Ward boundaries are included.").format(built=built,
                                                                                                 origin=origin)
    return _("Warehouse built {built} from {origin}. Ward boundaries are not installed.").format(built=built,
                                                                                                 origin=origin)
