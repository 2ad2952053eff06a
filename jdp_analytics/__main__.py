"""Command line: `python -m jdp_analytics build|reference ...`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jdp_analytics import reference
from jdp_analytics.build import BuildError, build
from jdp_analytics.paths import DEFAULT_WAREHOUSE, REFERENCE_DIR
from jdp_analytics.sources import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m jdp_analytics", description="JDP Analytics warehouse tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build", help="build the DuckDB warehouse from scratch")
    b.add_argument("--sources", type=Path, help="folder laid out like shared/data (default: the embedded reference "
                                                "set in data/reference/)")
    b.add_argument("--out", type=Path, default=DEFAULT_WAREHOUSE, help=f"warehouse file (default: {DEFAULT_WAREHOUSE})")
    r = commands.add_parser("reference", help="rewrite data/reference/ from the published source files")
    r.add_argument("--sources", type=Path, required=True, help="folder laid out like shared/data")
    r.add_argument("--out", type=Path, default=REFERENCE_DIR, help=f"reference folder (default: {REFERENCE_DIR})")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            build(args.out, args.sources, progress=lambda line: print(line, file=sys.stderr, flush=True))
        else:
            for path in reference.write(args.sources, args.out):
                print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    except (BuildError, SourceError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
