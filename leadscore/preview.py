"""Preview an edit of the rules: score the same input, as of the same time, with the seeds
as they are now in seeds/, into a separate DuckDB file, and print how many leads each
grade, tier and stage holds before (the published scores in $LEADSCORE_DB) and after.

    make preview                                   # after `make demo` or `make run ...`
    make preview INPUT=files INPUT_PATH=<folder>   # the same input as the published run

Nothing that BI reads is changed; publish with `make run` when the preview looks right.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from leadscore.backtest import build_as_of
from leadscore.job import DEMO_AS_OF
from leadscore.project import TARGET_DIR, dbt_environment
from leadscore.summary import format_table

SCALES = ("fit_grade", "engagement_tier", "lifecycle_stage", "priority")


def counts(database: Path) -> tuple[dict[tuple[str, str], int], str, object, dict[str, float]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        per_label: dict[tuple[str, str], int] = {}
        for scale in SCALES:
            for label, leads in connection.sql(f"select coalesce({scale}, '(none)'), count(*) from main.lead_scores group by 1").fetchall():
                per_label[(scale, str(label))] = leads
        version, as_of = connection.sql("select max(rules_version), max(as_of) from main.lead_scores").fetchall()[0]
        scores = dict(connection.sql("select lead_id, total_score from main.lead_scores").fetchall())
    finally:
        connection.close()
    return per_label, version, as_of, scores


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", choices=["demo", "files", "tables"], default="demo")
    parser.add_argument("--input-path")
    parser.add_argument("--as-of", help="default: the as_of of the published scores")
    args = parser.parse_args(argv)
    published = Path(dbt_environment()["LEADSCORE_DB"])
    if not published.exists():
        raise SystemExit(f"leadscore: no published scores in {published}; run `make demo` or `make run` first")
    before, before_version, before_as_of, before_scores = counts(published)
    as_of = args.as_of or (str(before_as_of) if before_as_of else DEMO_AS_OF)
    dbt_vars: dict[str, object] = {"input": args.input, "as_of": as_of}
    if args.input_path:
        dbt_vars["input_path"] = str(Path(args.input_path).expanduser().resolve())
    preview = TARGET_DIR / "preview.duckdb"
    build_as_of(dbt_vars, preview)
    after, after_version, _, after_scores = counts(preview)

    rows = []
    for scale in SCALES:
        labels = sorted({label for (s, label) in before | after if s == scale})
        for label in labels:
            old, new = before.get((scale, label), 0), after.get((scale, label), 0)
            rows.append((scale, label, old, new, f"{new - old:+d}"))
    changed = sum(1 for lead, score in after_scores.items() if abs(before_scores.get(lead, float("nan")) - score) > 1e-9)
    print(f"\nRules {before_version} (published) -> {after_version} (seeds now), scored as of {as_of}")
    print(format_table(["scale", "label", "leads before", "leads after", "change"], rows))
    print(f"\n{changed} of {len(after_scores)} leads change their total_score. Preview database: {preview}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
