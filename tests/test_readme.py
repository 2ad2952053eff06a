"""The README's commands, run as written in a fresh copy of the repository (issue 32, item 4).

The copy holds the tracked files only (no data/jdp.duckdb, no reports/), beside a `shared/data` folder as the
README expects it (`../shared/data`), with this environment as its `.venv`. Every `.venv/bin/python -m
jdp_analytics` line of the README's bash blocks runs in the order it is written; a placeholder the reader replaces
with a file of their own (FILE, wards.zip, LOAD_ID) gets a file of that kind (from the `template` command) or the id
the load printed. Not run: the quick start's installs (they need the package registries; CI runs the test command
itself) and `streamlit run` (a server: the page tests and browser tests open the app).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from jdp_analytics.warehouse.paths import ROOT

COMMAND = ".venv/bin/python -m jdp_analytics "
# The file each placeholder stands for: made with the kind's template (its example rows load on the embedded warehouse).
PLACEHOLDERS = {
    ("FILE", "participation_events"): "events.csv",
    ("FILE", "budget_execution"): "execution.csv",
    ("wards.zip", "ward_boundaries"): "wards.geojson",
}


def readme_commands(text: str) -> list[str]:
    """Return the README's jdp_analytics commands in order: each bash block's lines joined where they end with a
    backslash, without trailing comments."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s+#.*$", "", line).strip()
            if line.startswith(COMMAND):
                commands.append(" ".join(line.split()))
    return commands


@pytest.fixture(scope="module")
def clone(tmp_path_factory, shared_data) -> Path:
    """A fresh copy of the repository's tracked files, with ../shared/data and .venv beside and in it."""
    home = tmp_path_factory.mktemp("readme")
    (home / "shared").mkdir()
    (home / "shared" / "data").symlink_to(shared_data)
    out = home / "jdp-analytics"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted in the working tree but not yet in git is not part of the copy
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(source.read_bytes())
    (out / ".venv").symlink_to(Path(sys.prefix))
    return out


def _run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=900)


def test_the_readme_lists_the_commands_this_test_runs():
    commands = readme_commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert [c.split()[3] for c in commands] == ["build", "build", "reference", "load", "load", "rollback", "load",
                                                "report", "report", "report", "report"]


def test_every_readme_command_runs_as_written_in_a_fresh_copy(clone):
    load_id = None
    for command in readme_commands((clone / "README.md").read_text(encoding="utf-8")):
        words = shlex.split(command)
        if words[3] == "load":
            kind = words[words.index("--kind") + 1]
            made = PLACEHOLDERS[(words[4], kind)]
            assert _run(f"{COMMAND}template {kind} --out {made}", clone).returncode == 0
            command = command.replace(f"load {words[4]} ", f"load {made} ", 1)
        if words[3] == "rollback":
            command = command.replace("LOAD_ID", load_id)
        done = _run(command, clone)
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
        if words[3] == "load" and "--dry-run" not in words:
            load_id = re.search(r"\bL\d{14}-[0-9a-f]{6}\b", done.stdout + done.stderr).group(0)
        if words[3] == "reference":  # the committed reference set is what the published files give
            changed = subprocess.run(["git", "diff", "--no-index", "--stat", str(ROOT / "data" / "reference"),
                                      str(clone / "data" / "reference")], capture_output=True, text=True)
            assert changed.stdout == ""
    # without --out a document goes to reports/: the brief as PDF and as slides, and the quarterly report
    assert sorted(p.suffix for p in (clone / "reports").iterdir()) == [".pdf", ".pdf", ".pptx"]
    assert (clone / "rf.xlsx").stat().st_size > 0
    assert not (clone / "data" / "national.duckdb").exists()
