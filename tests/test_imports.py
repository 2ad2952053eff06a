"""The package's modules: each imports on its own, none imports in a circle, none is left unused."""

from __future__ import annotations

import ast
import graphlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import jdp_analytics
from jdp_analytics.warehouse.paths import ROOT

PACKAGE = Path(jdp_analytics.__file__).parent

# Imports each module with no module of the package loaded before it (third-party libraries stay loaded: they are
# not what is tested), so a module that works only after another one has been imported fails here.
ISOLATED_IMPORTS = """
import importlib, json, sys, traceback
failures = {}
for name in json.loads(sys.argv[1]):
    for loaded in [m for m in sys.modules if m == "jdp_analytics" or m.startswith("jdp_analytics.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except BaseException:
        failures[name] = traceback.format_exc(limit=-3)
print(json.dumps(failures))
"""


def modules() -> list[str]:
    """Every module of the package as pkgutil finds it (a folder without __init__.py would hide its modules)."""
    found = pkgutil.walk_packages([str(PACKAGE)], prefix="jdp_analytics.")
    return ["jdp_analytics", *sorted(m.name for m in found)]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, known: set[str]) -> set[str]:
    """The package modules a file imports, anywhere in it (a function-level import is still an import)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path) if path.is_relative_to(PACKAGE) else ""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = here if path.name == "__init__.py" else here.rpartition(".")[0]
                for _ in range(node.level - 1):
                    package = package.rpartition(".")[0]
                base = f"{package}.{base}".rstrip(".")
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names}
    return {name for name in found if name in known}


def test_every_module_of_the_package_is_found_by_pkgutil():
    on_disk = {module_name(path) for path in PACKAGE.rglob("*.py")}
    assert on_disk == set(modules())
    assert len(on_disk) > 40


def test_every_module_imports_on_its_own_in_a_fresh_package():
    result = subprocess.run([sys.executable, "-c", ISOLATED_IMPORTS, json.dumps(modules())], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    failures = json.loads(result.stdout.strip().splitlines()[-1])
    assert failures == {}, "\n".join(f"{name}:\n{trace}" for name, trace in failures.items())


def test_no_module_imports_in_a_circle_not_even_through_a_package_init():
    known = set(modules())
    graph = {module_name(path): imports_of(path, known) - {module_name(path)} for path in PACKAGE.rglob("*.py")}
    try:
        list(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        raise AssertionError(f"import cycle: {' -> '.join(error.args[1])}") from None


def test_every_module_is_used_by_the_app_the_cli_or_another_module():
    known = set(modules())
    users = [*PACKAGE.rglob("*.py"), ROOT / "app.py", *(ROOT / "pages").glob("*.py")]
    used = set()
    for path in users:
        imported = imports_of(path, known)
        if path.is_relative_to(PACKAGE):
            imported.discard(module_name(path))
        used |= imported
    packages = {module_name(path) for path in PACKAGE.rglob("__init__.py")}
    entry_points = {"jdp_analytics.__main__"}  # python -m jdp_analytics
    assert sorted(known - used - packages - entry_points) == []
