"""dbt's documentation site as one file (target/static_index.html; opens without a
network): every model, column, test and the lineage, with the warehouse's catalog.

    leadscore docs [--input files --input-path <folder>]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from leadscore.dbt import Dbt
from leadscore.project import TARGET_DIR, dbt_environment, ensure_demo_data


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path", help="folder of input files (input=files)")
    args = parser.parse_args(argv)
    variables: dict[str, object] = {"input": args.input}
    if args.input == "demo":
        ensure_demo_data()
    if args.input_path:
        variables["input_path"] = str(Path(args.input_path).expanduser().resolve())
    result = Dbt(dbt_environment(), variables, quiet=True)(["docs", "generate", "--static"])
    if result.code != 0:
        print(f"leadscore docs: dbt docs generate failed:\n{result.summary()}", file=sys.stderr)
        return 1
    print(f"leadscore: documentation in {TARGET_DIR / 'static_index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
