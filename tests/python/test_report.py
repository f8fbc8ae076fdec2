"""make report: one self-contained HTML file, opened in headless Chromium (Debian's package;
`make test` installs it when missing) with every host name unresolvable. It must render
every plot with no console message at all, and its numbers must be the data's: the
fit x engagement cell A1's conversion rate is recomputed here from the history and the
outcomes, independently of score_performance.

The demo is scored as of its end with dbt alone (no history: the report says how to get
conversions), then by the demo job (`leadscore run --input demo`, what `make demo` runs),
which scores every two weeks of the half year before as_of into the history first: every
panel of its report has data."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import forked
from conftest import PROJECT_ROOT, DbtProject, copy_project
from leadscore.report import NO_OUTCOMES_NOTE, NO_RULE_LIFT_NOTE, ONE_DATE_NOTE, STYLE, sales_ratings_by_grade

DEMO = PROJECT_ROOT / "data" / "demo"
PLOT_IDS = ("score-distribution", "fit-engagement-matrix", "conversion-by-grade-and-stage", "cumulative-gains",
            "rule-performance", "sales-ratings-by-grade", "channel-performance", "stages-per-week")
AS_OF = "2026-06-30"
CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("chromium is not installed: `make test` installs Debian's package (make chromium)")
    return found


def open_in_chromium(page: Path, screenshot: Path | None = None) -> tuple[str, list[str]]:
    """The page's DOM after its scripts ran, and every console message it logged."""
    options = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
               "--virtual-time-budget=20000", "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1300,4200"]
    action = [f"--screenshot={screenshot}"] if screenshot else ["--dump-dom"]
    opened = subprocess.run([chromium(), *options, *action, page.as_uri()], capture_output=True, text=True,
                            timeout=180, check=False)
    assert opened.returncode == 0, opened.stderr[-3000:]
    return opened.stdout, [line for line in opened.stderr.splitlines() if CONSOLE.search(line)]


def write_report(project: DbtProject, out: Path) -> subprocess.CompletedProcess[str]:
    return forked.run(
        [sys.executable, "-m", "leadscore", "report", "--out", str(out)], cwd=project.root,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(project.root),
                          "LEADSCORE_DB": str(project.database)},
    )


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtProject, Path, Path]:
    """The report of a first build (no history yet), then the report the demo job wrote on
    the same warehouse: (project, first report, the demo job's report)."""
    project = copy_project(tmp_path_factory.mktemp("report"))
    files = {"input": "files", "input_path": str(DEMO)}
    project.build({**files, "as_of": AS_OF}, "--exclude-resource-type", "unit_test", "--exclude-resource-type", "test")
    first = project.root / "reports" / "first.html"
    written = write_report(project, first)
    assert written.returncode == 0, written.stdout + written.stderr
    (project.root / "data").mkdir(exist_ok=True)
    (project.root / "data" / "demo").symlink_to(DEMO)
    out = project.root / "reports" / "leadscore.html"
    ran = forked.run(
        [sys.executable, "-m", "leadscore", "run", "--input", "demo", "--no-backtest"], cwd=project.root,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(project.root),
             "LEADSCORE_DB": str(project.database), "LEADSCORE_REPORT": str(out),
             "LEADSCORE_EXPORT_DIR": str(project.root / "exports"),
             "LEADSCORE_DATA_DOCS": str(project.root / "data_docs")},
    )
    assert ran.returncode == 0, ran.stdout[-6000:] + ran.stderr[-3000:]
    # the demo's 13 history dates, and the 2 momentum moments (7 and 30 days before as_of)
    assert "backfill 15/15" in ran.stdout
    return project, first, out


def performance_date(project: DbtProject) -> str:
    """The latest scoring date whose 90 days after it are all before the demo's end."""
    ((day,),) = project.query("select max(score_date) from lead_score_history "
                              "where as_of + interval 90 day <= timestamp '2026-06-30'")
    return str(day)


def test_every_plot_renders_without_a_console_message(reported: tuple[DbtProject, Path, Path]) -> None:
    _, _, page = reported
    dom, console = open_in_chromium(page)
    assert console == []
    for plot_id in PLOT_IDS:
        rendered = re.search(rf'<div id="{plot_id}" class="[^"]*js-plotly-plot[^"]*"', dom)
        assert rendered, f"plot {plot_id} did not render"
    assert len(re.findall(r'class="main-svg"', dom)) >= len(PLOT_IDS)
    assert "rules_version" in dom and "conversions judged on" in dom and performance_date(reported[0]) in dom
    # for a person to look at: tests/…/report.png next to the report
    open_in_chromium(page, page.with_suffix(".png"))
    assert page.with_suffix(".png").stat().st_size > 50_000


def test_the_report_needs_no_network(reported: tuple[DbtProject, Path, Path]) -> None:
    """Nothing outside the inlined plotly.js (whose map tiles this report never uses) refers
    to another host; Chromium above had every host name unresolvable."""
    text = reported[2].read_text(encoding="utf-8")
    head, library = text[:text.index("<script>")], text[text.index("<script>"):text.index("</head>")]
    assert "Plotly" in library and len(library) > 1_000_000  # plotly.js is inlined
    page = head + text[text.index("</head>"):]
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page


def test_the_check_sees_a_broken_page(reported: tuple[DbtProject, Path, Path], tmp_path: Path) -> None:
    """The console check can fail: the same report with one failing script."""
    broken = tmp_path / "broken.html"
    broken.write_text(reported[2].read_text(encoding="utf-8").replace("</body>", "<script>no_such_function()</script></body>"))
    _, console = open_in_chromium(broken)
    assert any("no_such_function" in line for line in console)


def test_the_a1_cell_shows_the_conversion_rate_of_its_leads(reported: tuple[DbtProject, Path, Path]) -> None:
    """A1 on the latest date with a complete horizon: the leads not yet customers, and those
    with a `converted` or `won` outcome after as_of and at most 90 days later (docs/CONTRACT.md,
    docs/incremental-runs.md "History")."""
    project, _, page = reported
    judged = performance_date(project)
    ((leads, converted),) = project.query("""
        select count(*), count(*) filter (where exists (
            select 1 from intermediate.int_outcomes_deduplicated as outcomes
            where outcomes.lead_id = history.lead_id and outcomes.outcome in ('converted', 'won')
              and outcomes.outcome_at > history.as_of and outcomes.outcome_at <= history.as_of + interval 90 day))
        from lead_score_history as history
        where score_date = date '""" + judged + """' and priority = 'A1' and lifecycle_stage != 'customer'""")
    assert leads > 0
    # the cell's text, inside the figure's JSON (where "<br>" is written \u003cbr\u003e)
    cell = f"{100 * converted / leads:.1f}% converted<br>(of {leads})".replace("<", "\\u003c").replace(">", "\\u003e")
    assert cell in page.read_text(encoding="utf-8")


def test_without_a_complete_horizon_the_report_says_what_to_do(reported: tuple[DbtProject, Path, Path]) -> None:
    text = reported[1].read_text(encoding="utf-8")
    assert "no complete horizon yet" in text and "make backfill FROM=" in text
    assert all(f'id="{plot_id}"' in text for plot_id in PLOT_IDS)
    _, console = open_in_chromium(reported[1])
    assert console == []


def test_the_demo_report_has_data_in_every_panel(reported: tuple[DbtProject, Path, Path]) -> None:
    """What `make demo` shows: no panel says it lacks outcomes or history, and every plot
    renders in Chromium."""
    page = reported[2]
    text = page.read_text(encoding="utf-8")
    for notice in (NO_OUTCOMES_NOTE, NO_RULE_LIFT_NOTE, ONE_DATE_NOTE, "no complete conversion horizon",
                   "no complete horizon yet"):
        assert html.escape(notice) not in text and notice not in text, notice
    dom, console = open_in_chromium(page)
    assert console == []
    for plot_id in PLOT_IDS:
        assert re.search(rf'<div id="{plot_id}" class="[^"]*js-plotly-plot[^"]*"', dom), plot_id
    # rule performance measured the history date: supported rules have a lift
    assert reported[0].query("select count(*) from rule_performance where is_supported and lift is not null")[0][0] > 0


def test_the_notice_is_readable_on_its_background() -> None:
    """WCAG contrast of the notice's text on its background (the header's text is white):
    at least 4.5:1, computed from the report's style sheet."""
    rule = re.search(r"\.note \{([^}]*)\}", STYLE)
    assert rule
    colours = dict(re.findall(r"(background|color): (#[0-9a-f]{6})", rule.group(1)))

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(colours["background"]), luminance(colours["color"])), reverse=True)
    assert (lighter + 0.05) / (darker + 0.05) >= 4.5


def test_a_missing_warehouse_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    written = write_report(project, tmp_path / "report.html")
    assert written.returncode != 0
    assert "run `make demo` or `make run` first" in written.stderr
    assert "Traceback" not in written.stderr


def test_the_docs_describe_every_model_column_and_exposure(reported: tuple[DbtProject, Path, Path]) -> None:
    """`dbt docs generate` works offline on the built demo (reused from the report's build),
    and every column the warehouse holds for a model or seed (dbt's catalog) has a description
    in YAML, as do the models, seeds and the two exposures. Custom attributes (`attr__<name>`,
    one per extra input column) depend on the input and are described by their model."""
    project = reported[0]
    generated = project.dbt("docs", "generate", "--static", dbt_vars={"input": "files", "input_path": str(DEMO)})
    assert generated.returncode == 0, generated.stdout[-3000:]
    assert (project.root / "target" / "static_index.html").stat().st_size > 1_000_000
    manifest = json.loads((project.root / "target" / "manifest.json").read_text())
    catalog = json.loads((project.root / "target" / "catalog.json").read_text())
    undescribed = []
    for unique_id, node in manifest["nodes"].items():
        if node["resource_type"] not in ("model", "seed"):
            continue
        if not node["description"].strip():
            undescribed.append(unique_id)
        described = {name.lower() for name, column in node["columns"].items() if column["description"].strip()}
        in_warehouse = catalog["nodes"].get(unique_id, {}).get("columns", {})
        undescribed += [f"{unique_id}.{name}" for name in in_warehouse
                        if name.lower() not in described and not name.startswith("attr__")]
    assert undescribed == []
    exposures = {exposure["name"]: exposure for exposure in manifest["exposures"].values()}
    assert set(exposures) == {"leadscore_report", "crm_lead_score_changes"}
    assert all(exposure["description"].strip() and exposure["depends_on"]["nodes"] for exposure in exposures.values())


def test_the_weekly_stages_compare_week_end_snapshots() -> None:
    """By hand: A lead, mql (week 1's last date, 01-07), mql, sql; B mql, lead, mql, customer;
    C new on 01-14 as mql, mql. Week 2 (01-12): MQLs A, B, C; new B (lead on 01-07) and C
    (no row). Week 3 (01-19): MQL C, SQL A (new: mql on 01-14). Two weeks shown: week 1 only
    gives week 2 its previous snapshot."""
    from datetime import date

    import duckdb

    from leadscore.report import weekly_stages

    frames = duckdb.connect()
    frames.execute("create table main.lead_score_history (lead_id varchar, score_date date, lifecycle_stage varchar)")
    frames.execute("""insert into main.lead_score_history values
        ('A', '2026-01-05', 'lead'), ('A', '2026-01-07', 'mql'), ('A', '2026-01-14', 'mql'), ('A', '2026-01-21', 'sql'),
        ('B', '2026-01-05', 'mql'), ('B', '2026-01-07', 'lead'), ('B', '2026-01-14', 'mql'), ('B', '2026-01-21', 'customer'),
        ('C', '2026-01-14', 'mql'), ('C', '2026-01-21', 'mql')""")
    weekly = [(row[0].date() if hasattr(row[0], "date") else row[0], *row[1:]) for row in weekly_stages(frames, weeks=2)]
    assert weekly == [(date(2026, 1, 12), 3, 0, 2, 0), (date(2026, 1, 19), 1, 1, 0, 1)]
    first = weekly_stages(frames, weeks=3)[0]
    assert first[1:] == (1, 0, 0, 0)  # week 1: A is MQL on 01-07; no previous week to compare with


def test_sales_ratings_by_grade_counts_each_leads_latest_rating(reported: tuple[DbtProject, Path, Path]) -> None:
    """The plot's counts per fit grade and rating, against the ratings counted here from the
    cleaned feedback: each lead's latest rating up to as_of (ties: the row delivered last)."""
    project, _, _ = reported
    expected = {(str(grade), str(rating)): int(str(count)) for grade, rating, count in project.query("""
        with ranked as (
            select feedback.lead_id, feedback.rating,
                row_number() over (partition by feedback.lead_id
                                   order by feedback.feedback_at desc, feedback.raw_row_number desc) as position
            from intermediate.int_sales_feedback_deduplicated as feedback
            where feedback.feedback_at <= (select max(as_of) from lead_scores)
        )
        select scores.fit_grade, ranked.rating, count(*)
        from lead_scores as scores inner join ranked on scores.lead_id = ranked.lead_id
        where ranked.position = 1
        group by 1, 2""")}
    assert sum(expected.values()) > 100                                        # the demo's reps rated a few hundred leads
    connection = duckdb.connect(str(project.database), read_only=True)
    try:
        figure = sales_ratings_by_grade(connection).figure
    finally:
        connection.close()
    plotted = {(str(grade).removeprefix("grade "), str(trace.name)): int(text)
               for trace in figure.data for grade, text in zip(trace.x, trace.text) if int(text)}
    assert plotted == expected
