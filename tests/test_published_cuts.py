"""The cuts of the published files kept in tests/files for a plain clone: each one named in the README beside them
with its origin and licence, nothing else kept, and each equal to a fresh cut of the published folder when it is
present."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import PUBLISHED_CUTS, TEST_WARDS
from tests.files.published import cut

FILES = PUBLISHED_CUTS.parent
README = PUBLISHED_CUTS / "README.md"
NOT_CUTS = {"README.md", "cut.py"}


def committed() -> list[str]:
    """Every file the cut keeps, as a path under tests/files."""
    kept = [p for p in PUBLISHED_CUTS.rglob("*") if p.is_file() and p.name not in NOT_CUTS
            and "__pycache__" not in p.parts]
    return sorted(str(p.relative_to(FILES)) for p in [*kept, *TEST_WARDS.parent.glob("*.geojson")])


def readme_rows() -> list[list[str]]:
    """The cells of the README table's rows, one list per file row."""
    rows = [line.strip().strip("|").split(" | ") for line in README.read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")]
    return [[cell.strip() for cell in row] for row in rows]


def test_the_files_kept_are_exactly_those_the_cut_writes():
    expected = sorted([*(f"published/{path}" for path in cut.CUTS), str(cut.WARDS_OUT.relative_to(FILES))])
    assert committed() == expected


def test_every_file_kept_is_named_in_the_readme_with_its_cut_origin_and_licence():
    rows = readme_rows()
    unnamed, unlicensed = [], []
    for name in committed():
        relative = Path(name).relative_to("published") if name.startswith("published/") else Path("..", name)
        row = next((r for r in rows if f"`{relative}`" in r[0] or f"`{Path(name).name}`" in r[0]), None)
        if row is None:
            unnamed.append(name)
        elif len(row) != 5 or not all(row[1:]):
            unlicensed.append(name)
    assert unnamed == [], f"name these files in {README} with their cut, origin, licence and date"
    assert unlicensed == [], f"give these files a cut, an origin, a licence and a date in {README}"


def test_the_committed_cuts_equal_a_fresh_cut_of_the_published_files(shared_data):
    differ = [name for name, text in cut.cut_all(shared_data).items()
              if (FILES / name).read_bytes() != text.encode("utf-8")]
    assert differ == [], (f"these files of tests/files differ from a fresh cut of {shared_data}: {', '.join(differ)}. "
                          f"Run `python tests/files/published/cut.py {shared_data}`.")
