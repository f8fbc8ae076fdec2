"""make report: one self-contained HTML file (plotly.js inlined: no network needed to open
it) with the plots a marketing lead looks at, from the published marts.

    python -m leadscore.report [--out reports/leadscore.html]

The file is $LEADSCORE_REPORT (default reports/leadscore.html). Conversion plots use the
latest scoring date in lead_score_history whose horizon (var performance_horizon_days) is
complete; until there is one (score past dates with `make backfill`), they say so.
"""

from __future__ import annotations

import argparse
import html
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import plotly.graph_objects as go
import psycopg2
from plotly.offline import get_plotlyjs

from leadscore.project import WORK_ROOT, dbt_environment
from leadscore.warehouse import RUN_LOG_TABLE, FrameSource, for_target

DEFAULT_REPORT = WORK_ROOT / "reports" / "leadscore.html"
GRADES = ("A", "B", "C", "D")
TIERS = ("1", "2", "3", "4")
STAGES = ("prospect", "lead", "mql", "sql", "customer", "disqualified")
HISTOGRAM_BINS = 40
PALETTE = ("#2563eb", "#f97316", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#4b5563")


@dataclass
class Section:
    """One plot of the report: its HTML id, heading, a line on how to read it, the figure."""

    plot_id: str
    title: str
    reading: str
    figure: go.Figure


@dataclass
class Context:
    """What every section shares: the scoring time and the date conversions are judged on."""

    as_of: datetime | None
    rules_version: str | None
    lead_count: int
    run_started_at: datetime | None
    performance_date: date | None
    horizon_days: int | None


def rows(frames: FrameSource, query: str) -> list[tuple]:
    return frames.sql(query).fetchall()


def has_table(frames: FrameSource, schema: str, table: str) -> bool:
    return bool(rows(frames, f"select 1 from information_schema.tables where table_schema = '{schema}' and table_name = '{table}'"))


def read_context(frames: FrameSource) -> Context:
    as_of, rules_version, lead_count = rows(frames, "select max(as_of), max(rules_version), count(*) from main.lead_scores")[0]
    run_started_at = None
    if has_table(frames, "main", RUN_LOG_TABLE):
        run_started_at = rows(frames, f"select max(run_started_at) from main.{RUN_LOG_TABLE}")[0][0]
    performance = rows(
        frames,
        """
        select score_date, max(horizon_days) from main.score_performance
        where is_horizon_complete and breakdown = 'overall'
        group by score_date order by score_date desc limit 1""",
    )
    performance_date, horizon_days = performance[0] if performance else (None, None)
    return Context(as_of, rules_version, int(lead_count), run_started_at, performance_date, horizon_days)


def performance_rows(frames: FrameSource, context: Context, breakdown: str) -> list[tuple]:
    """(value, leads, conversions, rate, lift) of a breakdown on the performance date; of its
    rules version with the most leads when a date was scored with more than one."""
    if context.performance_date is None:
        return []
    return rows(
        frames,
        f"""
        with on_date as (
            select * from main.score_performance
            where score_date = date '{context.performance_date.isoformat()}'
        ),
        chosen as (
            select rules_version from on_date where breakdown = 'overall'
            order by lead_count desc, rules_version limit 1
        )
        select breakdown_value, lead_count, conversion_count, conversion_rate, lift
        from on_date
        where breakdown = '{breakdown}' and rules_version = (select rules_version from chosen)
        order by breakdown_value""",
    )


# Plain text: the plots show it as is, the page escapes it.
NO_OUTCOMES_NOTE = (
    "No scoring date has a complete conversion horizon yet: score past dates with make backfill FROM=<date>, then run make report again."
)


NO_RULE_LIFT_NOTE = "No rule has a measured lift yet (no outcomes in the horizon)."
ONE_DATE_NOTE = "One scoring date so far: score past dates with make backfill FROM=<date>."
NO_RATINGS_NOTE = "No sales ratings yet: deliver the optional input sales_feedback (docs/input-data.md)."
# the shipped ratings first, in this order; a rating of the user's own follows by name
RATINGS = ("good_fit", "not_ready", "other", "bad_fit", "spam")


def styled(figure: go.Figure, empty_note: str | None = None, height: int = 420) -> go.Figure:
    figure.update_layout(
        height=height,
        margin={"l": 60, "r": 30, "t": 30, "b": 60},
        template="plotly_white",
        font={"family": "system-ui, sans-serif", "size": 13},
        legend={"orientation": "h", "y": -0.2},
    )
    if empty_note:
        figure.add_annotation(text=html.escape(empty_note), showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 14})
    return figure


def score_distribution(frames: FrameSource) -> Section:
    low, high = rows(frames, "select min(total_score), max(total_score) from main.lead_scores")[0]
    figure = go.Figure()
    if low is not None:
        width = max((float(high) - float(low)) / HISTOGRAM_BINS, 1e-9)
        binned = rows(
            frames,
            f"""
            select segment, floor((total_score - {float(low)}) / {width}) as bin_number, count(*)
            from main.lead_scores group by 1, 2 order by 1, 2""",
        )
        for index, segment in enumerate(sorted({row[0] for row in binned})):
            points = [(float(low) + (number + 0.5) * width, count) for name, number, count in binned if name == segment]
            figure.add_bar(
                x=[x for x, _ in points],
                y=[y for _, y in points],
                name=segment,
                width=width,
                marker_color=PALETTE[index % len(PALETTE)],
                opacity=0.75,
            )
    figure.update_layout(barmode="overlay", xaxis_title="total_score", yaxis_title="leads")
    return Section(
        "score-distribution",
        "Score distribution by segment",
        "How many leads have each total score, one colour per segment.",
        styled(figure, None if low is not None else "No scored leads."),
    )


def fit_engagement_matrix(frames: FrameSource, context: Context) -> Section:
    counts = {
        (grade, tier): count
        for grade, tier, count in rows(
            frames,
            """
        select fit_grade, engagement_tier, count(*) from main.lead_scores group by 1, 2""",
        )
    }
    rates = {value: (rate, leads) for value, leads, _, rate, _ in performance_rows(frames, context, "priority")}
    z, text = [], []
    for grade in GRADES:
        z_row, text_row = [], []
        for tier in TIERS:
            rate, judged = rates.get(grade + tier, (None, 0))
            z_row.append(None if rate is None else 100 * rate)
            cell = f"{counts.get((grade, tier), 0)} leads"
            if rate is not None:
                cell += f"<br>{100 * rate:.1f}% converted<br>(of {judged})"
            text_row.append(cell)
        z.append(z_row)
        text.append(text_row)
    has_rates = any(value is not None for row in z for value in row)
    if not has_rates:
        z = [[counts.get((grade, tier), 0) for tier in TIERS] for grade in GRADES]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[f"tier {tier}" for tier in TIERS],
            y=[f"grade {grade}" for grade in GRADES],
            text=text,
            texttemplate="%{text}",
            colorscale="Blues",
            hoverongaps=False,
            colorbar={"title": "% converted" if has_rates else "leads"},
        )
    )
    figure.update_yaxes(autorange="reversed")
    reading = (
        "Fit grade (rows) against engagement tier (columns): today's lead count per cell, and the share of the cell's leads that converted"
    )
    reading += (
        f" within {context.horizon_days} days of {context.performance_date} (colour)."
        if has_rates
        else "; no conversions yet: the colour is the lead count."
    )
    return Section("fit-engagement-matrix", "Fit × engagement matrix", reading, styled(figure, height=460))


def conversion_bars(frames: FrameSource, context: Context) -> Section:
    grades = {row[0]: row for row in performance_rows(frames, context, "fit_grade")}
    stages = {row[0]: row for row in performance_rows(frames, context, "lifecycle_stage")}
    figure = go.Figure()
    for name, found, order, colour in (("by fit grade", grades, GRADES, PALETTE[0]), ("by lifecycle stage", stages, STAGES, PALETTE[1])):
        present = [value for value in order if value in found] + sorted(set(found) - set(order))
        figure.add_bar(
            x=[f"{value}" for value in present],
            y=[100 * (found[value][3] or 0) for value in present],
            name=name,
            marker_color=colour,
            text=[f"{found[value][2]}/{found[value][1]}" for value in present],
            textposition="outside",
        )
    figure.update_layout(yaxis_title="% converted", xaxis_title="fit grade, then lifecycle stage")
    return Section(
        "conversion-by-grade-and-stage",
        "Conversion by grade and by lifecycle stage",
        _judged(context, "Share of the leads of each fit grade and each lifecycle stage that converted"),
        styled(figure, None if grades else NO_OUTCOMES_NOTE),
    )


def gains_and_lift(frames: FrameSource, context: Context) -> Section:
    deciles = sorted(performance_rows(frames, context, "score_decile"), key=lambda row: int(row[0]))
    figure = go.Figure()
    if deciles:
        total_leads = sum(row[1] for row in deciles)
        total_conversions = sum(row[2] for row in deciles) or 1
        leads_share, conversions_share, running_leads, running_conversions = [0.0], [0.0], 0, 0
        for _, leads, conversions, _, _ in deciles:
            running_leads += leads
            running_conversions += conversions
            leads_share.append(100 * running_leads / total_leads)
            conversions_share.append(100 * running_conversions / total_conversions)
        figure.add_scatter(
            x=leads_share,
            y=conversions_share,
            mode="lines+markers",
            name="leadscore (cumulative gains)",
            line={"color": PALETTE[0], "width": 3},
        )
        figure.add_scatter(x=[0, 100], y=[0, 100], mode="lines", name="random order", line={"dash": "dash", "color": "#9ca3af"})
        figure.add_bar(
            x=[leads_share[i + 1] for i in range(len(deciles))],
            y=[row[4] or 0 for row in deciles],
            name="lift of the decile",
            yaxis="y2",
            marker_color=PALETTE[1],
            opacity=0.35,
            width=6,
        )
        figure.update_layout(yaxis2={"title": "lift", "overlaying": "y", "side": "right", "rangemode": "tozero"})
    figure.update_layout(xaxis_title="% of leads, highest scores first", yaxis_title="% of conversions")
    return Section(
        "cumulative-gains",
        "Cumulative gains and lift",
        _judged(
            context,
            "Calling the leads in score order: the share of all conversions reached after each "
            "tenth of the leads (the dashed line is a random order); bars: each decile's lift",
        ),
        styled(figure, None if deciles else NO_OUTCOMES_NOTE),
    )


def rule_performance(frames: FrameSource) -> Section:
    found = rows(
        frames,
        """
        select rule_id, dimension, points, lift, leads_hit, is_supported
        from main.rule_performance where lift is not null order by rule_id""",
    )
    figure = go.Figure()
    for index, dimension in enumerate(("fit", "engagement", "negative")):
        mine = [row for row in found if row[1] == dimension]
        figure.add_scatter(
            x=[row[2] for row in mine],
            y=[row[3] for row in mine],
            mode="markers+text",
            name=dimension,
            text=[row[0] for row in mine],
            textposition="top center",
            textfont={"size": 10},
            marker={
                "size": [8 + min(22, (row[4] or 0) ** 0.5 / 2) for row in mine],
                "color": PALETTE[index],
                "symbol": ["circle" if row[5] else "circle-open" for row in mine],
            },
            customdata=[[row[4]] for row in mine],
            hovertemplate="%{text}<br>points %{x}<br>lift %{y:.2f}<br>%{customdata[0]} leads hit<extra></extra>",
        )
    figure.add_hline(y=1, line_dash="dash", line_color="#9ca3af")
    figure.update_layout(xaxis_title="points the rule gives", yaxis_title="observed lift (conversion rate hit / not hit)")
    return Section(
        "rule-performance",
        "Rule performance: points against observed lift",
        "Each rule: the points it gives against how much more often the leads it hits convert "
        "(1 = no better than the others; open circles: too few leads to judge). A rule far from "
        "the trend is worth a look.",
        styled(figure, None if found else NO_RULE_LIFT_NOTE, 480),
    )


def sales_ratings_by_grade(frames: FrameSource) -> Section:
    """What sales said about the leads of each fit grade: does the grade agree with the reps?"""
    counts = {
        (grade, rating): count
        for grade, rating, count in rows(
            frames,
            """
        select coalesce(fit_grade, '(none)'), sales_rating, count(*) from main.lead_scores
        where sales_rating is not null group by 1, 2""",
        )
    }
    grades = [grade for grade in GRADES if any(key[0] == grade for key in counts)]
    grades += sorted({grade for grade, _ in counts} - set(grades))
    found = {rating for _, rating in counts}
    figure = go.Figure()
    for index, rating in enumerate([rating for rating in RATINGS if rating in found] + sorted(found - set(RATINGS))):
        totals = [sum(count for (grade_of, _), count in counts.items() if grade_of == grade) for grade in grades]
        shares = [100 * counts.get((grade, rating), 0) / total if total else 0 for grade, total in zip(grades, totals)]
        figure.add_bar(
            x=[f"grade {grade}" for grade in grades],
            y=shares,
            name=rating,
            marker_color=PALETTE[index % len(PALETTE)],
            text=[str(counts.get((grade, rating), 0)) for grade in grades],
            textposition="inside",
        )
    figure.update_layout(barmode="stack", yaxis_title="% of the grade's rated leads", xaxis_title="fit grade")
    return Section(
        "sales-ratings-by-grade",
        "Sales ratings by fit grade",
        "Each fit grade's leads that sales rated, by their latest rating up to as_of (the counts in the bars): "
        "if grade A is often rated bad_fit, the fit rules disagree with the reps.",
        styled(figure, None if counts else NO_RATINGS_NOTE),
    )


def channel_performance(frames: FrameSource, context: Context) -> Section:
    counts = (
        rows(
            frames,
            """
        select coalesce(leads.lead_source, '(none)'), count(*)
        from main.lead_scores as scores
        left join intermediate.int_leads_deduplicated as leads on scores.lead_id = leads.lead_id
        group by 1 order by 2 desc, 1""",
        )
        if has_table(frames, "intermediate", "int_leads_deduplicated")
        else []
    )
    rates = {row[0]: row for row in performance_rows(frames, context, "lead_source")}
    figure = go.Figure()
    figure.add_bar(x=[row[0] for row in counts], y=[row[1] for row in counts], name="leads today", marker_color=PALETTE[0])
    if rates:
        figure.add_scatter(
            x=[row[0] for row in counts],
            y=[100 * (rates[row[0]][3] or 0) if row[0] in rates else None for row in counts],
            mode="markers+lines",
            name="% converted",
            yaxis="y2",
            marker={"size": 10, "color": PALETTE[1]},
        )
        figure.update_layout(yaxis2={"title": "% converted", "overlaying": "y", "side": "right", "rangemode": "tozero"})
    figure.update_layout(yaxis_title="leads", xaxis_title="lead source")
    return Section(
        "channel-performance",
        "Channel performance (lead source)",
        _judged(context, "Leads per lead source today (bars) and the share that converted (line)")
        if rates
        else "Leads per lead source today; no conversions judged yet.",
        styled(figure, None if counts else "No lead source in the published data."),
    )


# weeks the MQL/SQL chart shows: its cost is bounded by them, however long the history
STAGE_WEEKS = 26


def weekly_stages(frames: FrameSource, weeks: int = STAGE_WEEKS) -> list[tuple]:
    """Per week of the last `weeks` (its Monday): MQLs and SQLs on its last scoring date, and
    the leads that were MQL (SQL) then but not on the previous week's last scoring date."""
    # week-end snapshots only (each week's last scoring date, and the one before the first
    # week shown), joined by lead: a run reads weeks + 1 dates of the history, not all of it
    return rows(
        frames,
        f"""
        with week_ends as (
            select date_trunc('week', score_date) as week_start, max(score_date) as last_date
            from (select distinct score_date from main.lead_score_history) as scoring_dates
            group by 1
        ),
        shown as (
            select week_start, last_date, lag(last_date) over (order by week_start) as previous_date
            from week_ends
            qualify row_number() over (order by week_start desc) <= {int(weeks)}
        ),
        snapshots as (
            select lead_id, score_date, lifecycle_stage
            from main.lead_score_history
            where score_date in (select last_date from shown union all select previous_date from shown)
        )
        select shown.week_start,
               count(*) filter (where this_week.lifecycle_stage = 'mql') as mqls,
               count(*) filter (where this_week.lifecycle_stage = 'sql') as sqls,
               count(*) filter (where shown.previous_date is not null and this_week.lifecycle_stage = 'mql'
                                and coalesce(last_week.lifecycle_stage, '') not in ('mql', 'sql', 'customer')) as new_mqls,
               count(*) filter (where shown.previous_date is not null and this_week.lifecycle_stage = 'sql'
                                and coalesce(last_week.lifecycle_stage, '') not in ('sql', 'customer')) as new_sqls
        from shown
        inner join snapshots as this_week on this_week.score_date = shown.last_date
        left join snapshots as last_week
            on last_week.score_date = shown.previous_date and last_week.lead_id = this_week.lead_id
        group by 1 order by 1""",
    )


def stages_per_week(frames: FrameSource) -> Section:
    weekly = weekly_stages(frames)
    figure = go.Figure()
    weeks = [row[0] for row in weekly]
    figure.add_bar(x=weeks, y=[row[3] for row in weekly], name="new MQLs", marker_color=PALETTE[0], opacity=0.6)
    figure.add_bar(x=weeks, y=[row[4] for row in weekly], name="new SQLs", marker_color=PALETTE[1], opacity=0.6)
    figure.add_scatter(x=weeks, y=[row[1] for row in weekly], name="MQLs", mode="lines+markers", line={"color": PALETTE[0]})
    figure.add_scatter(x=weeks, y=[row[2] for row in weekly], name="SQLs", mode="lines+markers", line={"color": PALETTE[1]})
    figure.update_layout(barmode="group", xaxis_title="week", yaxis_title="leads")
    note = None if len(weekly) > 1 else ONE_DATE_NOTE
    return Section(
        "stages-per-week",
        "MQLs and SQLs per week",
        f"The last {STAGE_WEEKS} weeks. Lines: leads that are MQL or SQL on the week's last scoring date. "
        "Bars: leads that became MQL or SQL that week: MQL or SQL then, and not yet on the previous "
        "week's last scoring date.",
        styled(figure, note),
    )


def _judged(context: Context, text: str) -> str:
    if context.performance_date is None:
        return text + "."
    return f"{text}, within {context.horizon_days} days of the scores of {context.performance_date}."


def sections(frames: FrameSource) -> tuple[Context, list[Section]]:
    context = read_context(frames)
    return context, [
        score_distribution(frames),
        fit_engagement_matrix(frames, context),
        conversion_bars(frames, context),
        gains_and_lift(frames, context),
        rule_performance(frames),
        sales_ratings_by_grade(frames),
        channel_performance(frames, context),
        stages_per_week(frames),
    ]


STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #111827; background: #f9fafb; }
header { background: #1e3a8a; color: white; padding: 24px 40px; }
header h1 { margin: 0 0 8px 0; font-size: 26px; }
header dl { display: flex; flex-wrap: wrap; gap: 8px 32px; margin: 0; }
header dt { font-size: 12px; opacity: 0.75; } header dd { margin: 0; font-weight: 600; }
nav { padding: 12px 40px; background: white; border-bottom: 1px solid #e5e7eb; }
nav a { margin-right: 18px; color: #1e3a8a; text-decoration: none; font-size: 14px; }
main { padding: 8px 40px 40px 40px; max-width: 1200px; }
section { background: white; border: 1px solid #e5e7eb; border-radius: 8px; margin: 20px 0; padding: 16px 20px; }
section h2 { margin: 0 0 4px 0; font-size: 19px; } section p { margin: 0 0 8px 0; color: #4b5563; }
/* dark amber on light amber: readable inside the blue header, whose text is white */
.note { background: #fef3c7; color: #78350f; border-radius: 6px; padding: 8px 12px; margin-top: 16px; }
"""


def render(context: Context, parts: list[Section]) -> str:
    def fact(label: str, value: object) -> str:
        return f"<div><dt>{html.escape(label)}</dt><dd>{html.escape(str(value if value is not None else '—'))}</dd></div>"

    facts = "".join(
        [
            fact("scored as of", context.as_of),
            fact("rules_version", context.rules_version),
            fact("leads", f"{context.lead_count:,}"),
            fact("run date", context.run_started_at or "(no run log: built with dbt directly)"),
            fact("report written", datetime.now().strftime("%Y-%m-%d %H:%M")),
            fact(
                "conversions judged on",
                f"{context.performance_date} (+{context.horizon_days} days)" if context.performance_date else "no complete horizon yet",
            ),
        ]
    )
    note = "" if context.performance_date else f'<p class="note">{html.escape(NO_OUTCOMES_NOTE)}</p>'
    navigation = "".join(f'<a href="#section-{part.plot_id}">{html.escape(part.title)}</a>' for part in parts)
    body = "".join(
        f'<section id="section-{part.plot_id}"><h2>{html.escape(part.title)}</h2><p>{html.escape(part.reading)}</p>'
        + part.figure.to_html(
            full_html=False, include_plotlyjs=False, div_id=part.plot_id, config={"displaylogo": False, "responsive": True}
        )
        + "</section>"
        for part in parts
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>leadscore report: {html.escape(str(context.as_of))}</title><style>{STYLE}</style>"
        f"<script>{get_plotlyjs()}</script></head><body>"
        f"<header><h1>leadscore: lead scoring report</h1><dl>{facts}</dl>{note}</header>"
        f"<nav>{navigation}</nav><main>{body}</main></body></html>\n"
    )


def write_report(frames: FrameSource, out: Path) -> Path:
    """Writes the report to out (through a temporary file, so a reader never sees half of it)."""
    context, parts = sections(frames)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.write_text(render(context, parts), encoding="utf-8")
    partial.replace(out)
    return out


def report_path(env: dict[str, str], out: str | None = None) -> Path:
    return Path(out or env.get("LEADSCORE_REPORT") or DEFAULT_REPORT).expanduser().resolve()


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", help="the HTML file (default $LEADSCORE_REPORT or reports/leadscore.html)")
    args = parser.parse_args(argv)
    env = dbt_environment()
    warehouse = for_target(env)
    try:
        frames = warehouse.published_frames()
        try:
            out = write_report(frames, report_path(env, args.out))
        finally:
            frames.close()
    except (duckdb.Error, psycopg2.Error) as error:
        raise SystemExit(
            f"leadscore: cannot read the published marts in {warehouse.published_name} "
            f"({type(error).__name__}: {error}); run `make demo` or `make run` first"
        ) from None
    print(f"leadscore: report written to {out} ({out.stat().st_size / 1e6:.1f} MB, opens without a network)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
