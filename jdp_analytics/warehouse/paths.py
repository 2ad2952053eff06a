"""Where the project keeps its files."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
DEFAULT_WAREHOUSE = DATA_DIR / "jdp.duckdb"
SQL_DIR = Path(__file__).parent / "sql"  # every query of the project, one file each
REPORTS_DIR = ROOT / "reports"  # where `report` writes a document given no --out (not tracked by git)
