"""The engine's ceiling for `make benchmark`: one hand-written DuckDB statement that computes
every lead's total_score (model `lead`) from the same input files and rule seeds, by the
contract's arithmetic and the project's cleaning rules, with no intermediate tables.

    python -m leadscore.benchmark.ceiling --input DIR --as-of 2026-06-30 --out scores.parquet

It is a yardstick, not a second engine: it covers what the benchmark's demo-like data and
the shipped seeds use, and the benchmark checks that it agrees with the marts:

- leads and activities cleaned and de-duplicated (by lead_id, by e-mail, by activity_id or
  the exact row), segments;
- job_seniority and job_function from job_title_patterns.csv (searched in the lower-cased
  title, the lowest priority per attribute wins, ties by pattern then value; `unknown`
  without a match), as fields for attribute rules like the contract fields;
- attribute, activity and inactivity rules with decay, windows and caps;
- feedback rules on the optional sales_feedback input (rows cleaned, quarantined and
  de-duplicated like int_sales_feedback_triaged; merged leads followed), with the activity
  arithmetic;
- frequency rules (min_count / max_count: the points once when the count of matching events
  in the window is in range) and max_per_day (the earliest N matching events per lead and
  UTC day; events of one moment give the same points, so ties need no finer order);
- manual score adjustments from the optional score_adjustments input (quarantined and
  de-duplicated by adjustment_id like int_score_adjustments_triaged; active when
  effective_at <= as_of < expires_at; per lead and dimension the latest `set` replaces the
  dimension's score, ties by the greater adjustment_id, then every `add` adds).

Not covered (the shipped seeds and the generated data use none of it): the dimension
limits of grade_bands (limit_min / limit_max), custom and account attributes as rule fields,
scoring at each lead's age, vars other than the defaults (feedback ratings, bot bursts).
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

import duckdb

from leadscore.project import PROJECT_ROOT

PLACEHOLDERS = ("", "select", "unknown", "n/a", "na", "none", "null", "nil", "-", "--", "?", "not provided", "undefined")


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def clean(column: str) -> str:
    """The staging layer's text cleaning: every run of white space (space, tab, line feed,
    vertical tab, form feed, carriage return) folded to one space, then trimmed; placeholders
    (compared lower-cased) null. The regex runs only on values that have something to fold."""
    placeholders = ", ".join(literal(p) for p in PLACEHOLDERS)
    longest = max(len(p) for p in PLACEHOLDERS)
    needs_folding = " or ".join([f"strpos({column}, '  ') > 0"] + [f"strpos({column}, chr({c})) > 0" for c in range(9, 14)])
    folded = f"trim(case when {needs_folding} then regexp_replace({column}, '[ \\t\\n\\v\\f\\r]+', ' ', 'g') else {column} end)"
    # a list lookup, not IN: DuckDB plans a long IN list as a join, once per use of the column
    return f"case when length({folded}) <= {longest} and list_contains([{placeholders}], lower({folded})) then null else {folded} end"


def parse_timestamp(text: str) -> str:
    """The staging layer's parse, with a fast path: 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS' have
    no room for a UTC offset, so a plain timestamp cast gives the same value."""
    return (
        f"case when length({text}) = 10 or (length({text}) = 19 and substr({text}, 17, 1) = ':') "
        f"then try_cast({text} as timestamp) "
        f"else timezone('UTC', try_cast(trim({text}) as timestamptz)) end"
    )


def number(column: str) -> str:
    stripped = f"regexp_replace({column}, '[,$€£\\s_]', '', 'g')"
    return (
        f"case when regexp_matches({stripped}, '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$') "
        f"then try_cast({stripped} as double) end"
    )


def parse_number(column: str) -> str:
    """leadscore_parse_number with '.' as the decimal separator (scores' points): currency signs,
    white space and `_` dropped, ',' only as a thousands separator, finite numbers only."""
    compact = f"regexp_replace({column}, '[$€£\\s_]', '', 'g')"
    parsed = f"try_cast(replace({compact}, ',', '') as double)"
    return (
        f"case when regexp_matches({compact}, "
        "'^[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$') "
        f"and isfinite({parsed}) then {parsed} end"
    )


def code(text: str) -> str:
    """leadscore_clean_code: lower case, runs of anything but letters and digits as one `_`."""
    return f"nullif(trim(both '_' from regexp_replace(lower({text}), '[^a-z0-9]+', '_', 'g')), '')"


# the defaults of the vars leadscore_feedback_ratings (as codes)
FEEDBACK_RATINGS = ("good_fit", "bad_fit", "not_ready", "spam", "other")
OPTIONAL_TABLES = {
    "sales_feedback": ("lead_id", "feedback_at", "rating", "reason", "author_id"),
    "score_adjustments": ("adjustment_id", "lead_id", "effective_at", "expires_at", "mode", "dimension", "points", "reason"),
}
OPTIONAL_RULE_COLUMNS = ("min_count", "max_count", "max_per_day")


def optional_table(input_dir: Path, name: str) -> str:
    """An optional input as a relation of text columns with file_row_number (the delivery
    order); an absent table has no rows, as in the base models. The ceiling reads Parquet."""
    columns = OPTIONAL_TABLES[name]
    path = input_dir / f"{name}.parquet"
    if path.exists():
        cast = ", ".join(f"cast({c} as varchar) as {c}" for c in columns)
        return f"(select file_row_number, {cast} from read_parquet({literal(str(path))}, file_row_number = true))"
    others = [p.name for p in input_dir.glob(f"{name}.*")] + ([name] if (input_dir / name).is_dir() else [])
    if others:
        raise SystemExit(f"leadscore ceiling: reads {name} as {name}.parquet only, found {', '.join(sorted(others))}")
    nulls = ", ".join(f"cast(null as varchar) as {c}" for c in columns)
    return f"(select cast(null as bigint) as file_row_number, {nulls} where false)"


def rule_columns(rules_path: Path) -> set[str]:
    with rules_path.open(encoding="utf-8", newline="") as handle:
        return {name.strip() for name in next(csv.reader(handle), [])}


def ceiling_sql(input_dir: Path, seeds_dir: Path, as_of: str, slices: int = 1, slice_index: int = 0) -> str:
    """The statement; with slices N > 1 it scores only the surviving leads whose id hashes to
    slice_index modulo N, with all their events: N such statements score every lead, each
    holding about 1/N of the events' state (the whole at L does not fit in 4GB)."""
    leads = literal(str(input_dir / "leads.parquet"))
    activities = literal(str(input_dir / "activities.parquet"))
    feedback = optional_table(input_dir, "sales_feedback")
    adjustments = optional_table(input_dir, "score_adjustments")
    rules_path = seeds_dir / "scoring_rules.csv"
    rules = literal(str(rules_path))
    segments = literal(str(seeds_dir / "segments.csv"))
    patterns = literal(str(seeds_dir / "job_title_patterns.csv"))
    # min_count, max_count and max_per_day are optional columns of the rules seed
    present = rule_columns(rules_path)
    optional = {
        name: f"try_cast(nullif(trim({name}), '') as double)" if name in present else "cast(null as double)"
        for name in OPTIONAL_RULE_COLUMNS
    }
    ratings = ", ".join(literal(r) for r in FEEDBACK_RATINGS)
    as_of_sql = f"timestamp {literal(as_of)}"
    cutoff = "(now() at time zone 'UTC' + interval 24 hour)"
    slice_filter = f" where hash(survivor_id) % {int(slices)} = {int(slice_index)}" if slices > 1 else ""
    return f"""
with
raw_leads as (
    select row_number() over () as row_number, * from read_parquet({leads})
),
staged_leads as (
    select
        row_number,
        {clean("lead_id")} as lead_id,
        {parse_timestamp(clean("created_at"))} as created_at,
        {parse_timestamp(clean("updated_at"))} as updated_at,
        case when regexp_matches(lower({clean("email")}), '^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$')
            then lower({clean("email")}) end as email,
        {clean("job_title")} as job_title,
        {clean("industry")} as industry,
        {clean("country")} as country,
        {number(clean("cast(employee_count as varchar)"))} as employee_count
    from raw_leads
),
valid_leads as (
    select *,
        row_number() over (partition by lead_id order by updated_at desc nulls last, created_at desc, row_number desc)
            as version_rank
    from staged_leads
    where lead_id is not null and created_at is not null and created_at <= {cutoff}
),
all_survivors as (
    -- the newest row of each lead_id; leads sharing an e-mail merge into the one created first
    select lead_id, created_at,
        first_value(lead_id) over (partition by coalesce('email:' || email, 'id:' || lead_id)
            order by created_at, lead_id rows between unbounded preceding and unbounded following) as survivor_id
    from valid_leads where version_rank = 1
),
survivors as (
    select * from all_survivors{slice_filter}
),
scored_leads as (
    select lead_id, created_at from survivors where survivor_id = lead_id and created_at <= {as_of_sql}
),
profiles as (
    -- the version current at as_of (else the oldest)
    select scored_leads.lead_id, scored_leads.created_at, versions.email, versions.job_title,
        versions.industry, versions.country, versions.employee_count,
        nullif(split_part(versions.email, '@', 2), '') as email_domain
    from scored_leads
    inner join (
        select *, row_number() over (partition by lead_id order by
            case when coalesce(updated_at, created_at) <= {as_of_sql} then 0 else 1 end,
            case when coalesce(updated_at, created_at) <= {as_of_sql} then updated_at end desc nulls last,
            case when coalesce(updated_at, created_at) <= {as_of_sql} then created_at end desc nulls last,
            case when coalesce(updated_at, created_at) > {as_of_sql} then coalesce(updated_at, created_at) end,
            row_number desc) as pick
        from valid_leads
    ) as versions on scored_leads.lead_id = versions.lead_id and versions.pick = 1
),
title_patterns as (
    select nullif(trim(pattern), '') as pattern, lower(nullif(trim(attribute), '')) as attribute,
        lower(nullif(trim(value), '')) as value, try_cast(nullif(trim(priority), '') as double) as priority
    from read_csv({patterns}, all_varchar = true, header = true)
),
title_fields as (
    -- each pattern meets each distinct title once: per attribute the lowest priority wins
    -- (ties: the pattern, then the value, first)
    select distinct_titles.title_text,
        arg_min(title_patterns.value, (title_patterns.priority, title_patterns.pattern, title_patterns.value))
            filter (where title_patterns.attribute = 'seniority') as job_seniority,
        arg_min(title_patterns.value, (title_patterns.priority, title_patterns.pattern, title_patterns.value))
            filter (where title_patterns.attribute = 'function') as job_function
    from (select distinct lower(job_title) as title_text from profiles where job_title is not null) as distinct_titles
    inner join title_patterns on regexp_matches(distinct_titles.title_text, title_patterns.pattern, 'i')
    group by distinct_titles.title_text
),
fields as (
    unpivot (
        select profiles.lead_id, profiles.email_domain, profiles.job_title, profiles.industry, profiles.country,
            cast(profiles.employee_count as varchar) as employee_count,
            coalesce(title_fields.job_seniority, 'unknown') as job_seniority,
            coalesce(title_fields.job_function, 'unknown') as job_function
        from profiles left join title_fields on lower(profiles.job_title) = title_fields.title_text
    )
    on email_domain, job_title, industry, country, employee_count, job_seniority, job_function
    into name field_name value field_value
),
rule_rows as (
    select trim(rule_id) as rule_id, coalesce(nullif(trim(segment), ''), '*') as segment_id,
        lower(trim(dimension)) as dimension,
        lower(trim(source)) as source, trim(field) as field, lower(nullif(trim(operator), '')) as operator,
        nullif(trim(value), '') as value, try_cast(nullif(trim(value), '') as double) as value_number,
        try_cast(nullif(trim(value_max), '') as double) as value_max_number,
        cast(points as double) as points, try_cast(nullif(trim(half_life_days), '') as double) as half_life_days,
        try_cast(nullif(trim(window_days), '') as double) as window_days,
        try_cast(nullif(trim(max_points), '') as double) as max_points,
        -- only max_count given: from once on
        coalesce({optional["min_count"]}, case when {optional["max_count"]} is not null then 1 end) as min_count,
        {optional["max_count"]} as max_count,
        {optional["max_per_day"]} as max_per_day
    from read_csv({rules}, all_varchar = true, header = true)
    where lower(trim(model)) = 'lead'
),
segment_rows as (
    select trim(segment_id) as segment_id, cast(priority as integer) as priority, trim(field) as field,
        lower(trim(operator)) as operator, try_cast(nullif(trim(value), '') as double) as value_number,
        try_cast(nullif(trim(value_max), '') as double) as value_max_number
    from read_csv({segments}, all_varchar = true, header = true)
),
segment_hits as (
    select profiles.lead_id, segment_rows.segment_id, min(segment_rows.priority) as priority,
        bool_and(case segment_rows.operator
            when 'gte' then fields.field_value::double >= segment_rows.value_number
            when 'lte' then fields.field_value::double <= segment_rows.value_number
            when 'between' then fields.field_value::double between segment_rows.value_number and segment_rows.value_max_number
            else false end) as matches
    from profiles cross join segment_rows
    left join fields on fields.lead_id = profiles.lead_id and fields.field_name = segment_rows.field
    group by all
),
lead_segments as (
    select profiles.lead_id, coalesce(arg_min(segment_hits.segment_id, segment_hits.priority)
        filter (where segment_hits.matches), 'default') as segment_id
    from profiles left join segment_hits on profiles.lead_id = segment_hits.lead_id
    group by profiles.lead_id
),
distinct_values as (
    select distinct field_name, field_value from fields
),
value_matches as (
    -- each rule is tried once per distinct value, not once per lead
    select distinct_values.field_name, distinct_values.field_value, rule_rows.rule_id, rule_rows.segment_id,
        rule_rows.dimension, rule_rows.points
    from rule_rows
    inner join distinct_values on distinct_values.field_name = rule_rows.field
    where rule_rows.source = 'attribute'
        and case rule_rows.operator
            when 'eq' then lower(distinct_values.field_value) = lower(rule_rows.value)
            when 'in' then list_contains(
                list_transform(string_split(lower(rule_rows.value), '|'), x -> trim(x)), lower(distinct_values.field_value))
            when 'not_in' then not list_contains(
                list_transform(string_split(lower(rule_rows.value), '|'), x -> trim(x)), lower(distinct_values.field_value))
            when 'regex' then regexp_matches(distinct_values.field_value, rule_rows.value, 'i')
            when 'contains' then position(lower(rule_rows.value) in lower(distinct_values.field_value)) > 0
            when 'gte' then try_cast(distinct_values.field_value as double) >= rule_rows.value_number
            when 'lte' then try_cast(distinct_values.field_value as double) <= rule_rows.value_number
            when 'between' then try_cast(distinct_values.field_value as double)
                between rule_rows.value_number and rule_rows.value_max_number
            else false end
),
attribute_points as (
    select fields.lead_id, value_matches.dimension, value_matches.points
    from fields
    inner join value_matches
        on fields.field_name = value_matches.field_name and fields.field_value = value_matches.field_value
    inner join lead_segments on lead_segments.lead_id = fields.lead_id
    where value_matches.segment_id in ('*', lead_segments.segment_id)
),
events as (
    -- each activity_id counts once, mapped to its surviving lead
    select survivors.survivor_id as lead_id, any_value(types.activity_type) as activity_type,
        any_value(staged.url) as url, any_value(occurred_at) as occurred_at
    from (
        select {clean("activity_id")} as activity_id, {clean("lead_id")} as source_lead_id,
            activity_type as raw_type,
            -- the common 'YYYY-MM-DD HH:MM:SS' is cast as it is; a placeholder never parses, and
            -- white space needs folding only if the plain parse fails
            coalesce(
                case when length(occurred_at) = 19 and substr(occurred_at, 17, 1) = ':'
                    then try_cast(occurred_at as timestamp) end,
                {parse_timestamp("trim(occurred_at)")}, {parse_timestamp(clean("occurred_at"))}) as occurred_at,
            url as raw_url,
            {clean("url")} as url
        from read_parquet({activities})
    ) as staged
    -- types repeat: cleaned once per distinct value (a row without a type is not counted)
    inner join (
        select raw_type, {code(clean("raw_type"))} as activity_type
        from (select distinct activity_type as raw_type from read_parquet({activities}))
    ) as types on staged.raw_type = types.raw_type
    inner join survivors on staged.source_lead_id = survivors.lead_id
    -- a null time fails the comparison: one use of the parsed time, not two
    where types.activity_type is not null and staged.occurred_at <= {cutoff}
    group by survivors.survivor_id, coalesce(staged.activity_id, cast(hash(staged) as varchar))
),
events_as_of as (
    select events.*, cast(date_diff('microsecond', occurred_at, {as_of_sql}) as double) / 86400000000.0 as age_days
    from events where occurred_at <= {as_of_sql}
),
feedback_as_of as (
    -- the sales ratings as events of their rating: valid rows on a known lead, exact repeats
    -- (same surviving lead, time, rating, reason and author) once
    select lead_id, rating, occurred_at,
        cast(date_diff('microsecond', occurred_at, {as_of_sql}) as double) / 86400000000.0 as age_days
    from (
        select distinct survivors.survivor_id as lead_id, staged.feedback_at as occurred_at, staged.rating,
            staged.reason, staged.author_id
        from (
            select {clean("lead_id")} as source_lead_id, {parse_timestamp(clean("feedback_at"))} as feedback_at,
                {code(clean("rating"))} as rating, {clean("reason")} as reason, {clean("author_id")} as author_id
            from {feedback}
        ) as staged
        inner join survivors on staged.source_lead_id = survivors.lead_id
        where list_contains([{ratings}], staged.rating) and staged.feedback_at <= {cutoff}
    )
    where occurred_at <= {as_of_sql}
),
rule_events as (
    -- a rule of one type by a hash join, `*` rules apart (one OR would make it a nested loop)
    select events_as_of.lead_id, events_as_of.url, events_as_of.occurred_at, events_as_of.age_days, rule_rows.*
    from events_as_of inner join rule_rows on rule_rows.source = 'activity' and rule_rows.field = events_as_of.activity_type
    union all
    select events_as_of.lead_id, events_as_of.url, events_as_of.occurred_at, events_as_of.age_days, rule_rows.*
    from events_as_of inner join rule_rows on rule_rows.source = 'activity' and rule_rows.field = '*'
    union all
    -- ratings are few: the OR is cheap
    select feedback_as_of.lead_id, null as url, feedback_as_of.occurred_at, feedback_as_of.age_days, rule_rows.*
    from feedback_as_of
    inner join rule_rows on rule_rows.source = 'feedback' and rule_rows.field in (feedback_as_of.rating, '*')
),
matched_events as (
    select rule_events.lead_id, rule_events.rule_id, rule_events.occurred_at, rule_events.max_per_day,
        rule_events.points * case when rule_events.half_life_days is null then 1.0
            else power(0.5, rule_events.age_days / rule_events.half_life_days) end as decayed
    from rule_events
    inner join lead_segments on lead_segments.lead_id = rule_events.lead_id
    where rule_events.segment_id in ('*', lead_segments.segment_id)
        and (rule_events.window_days is null or rule_events.age_days <= rule_events.window_days)
        and (rule_events.operator is null
             or (rule_events.operator = 'contains' and position(lower(rule_events.value) in lower(rule_events.url)) > 0)
             or (rule_events.operator = 'regex' and regexp_matches(rule_events.url, rule_events.value, 'i')))
),
counted_events as (
    select lead_id, rule_id, decayed from matched_events where max_per_day is null
    union all
    -- max_per_day: the earliest N of a lead's matching events per UTC day (events of one moment
    -- give the same points, so a tie needs no finer order)
    select lead_id, rule_id, decayed from matched_events where max_per_day is not null
    qualify row_number() over (partition by lead_id, rule_id, cast(occurred_at as date) order by occurred_at)
        <= max_per_day
),
rule_sums as (
    select lead_id, rule_id, sum(decayed) as decayed, count(*) as event_count
    from counted_events group by lead_id, rule_id
),
event_points as (
    -- frequency rules: the points once when the count is in range; then the cap
    select rule_sums.lead_id, rule_rows.dimension, case
            when rule_rows.min_count is null then rule_sums.decayed
            when rule_sums.event_count >= rule_rows.min_count
                and (rule_rows.max_count is null or rule_sums.event_count <= rule_rows.max_count)
                then rule_rows.points
            else 0 end as uncapped,
        abs(rule_rows.max_points) as cap
    from rule_sums inner join rule_rows on rule_sums.rule_id = rule_rows.rule_id
),
inactivity_points as (
    select profiles.lead_id, rule_rows.dimension, rule_rows.points
    from profiles
    inner join lead_segments on lead_segments.lead_id = profiles.lead_id
    left join (select lead_id, max(occurred_at) as last_at from events_as_of group by lead_id) as latest
        on latest.lead_id = profiles.lead_id
    inner join rule_rows on rule_rows.source = 'inactivity' and rule_rows.segment_id in ('*', lead_segments.segment_id)
    where cast(date_diff('microsecond', coalesce(latest.last_at, profiles.created_at), {as_of_sql}) as double)
        / 86400000000.0 > rule_rows.window_days
),
points as (
    select lead_id, dimension, points from attribute_points
    union all
    select lead_id, dimension, case when cap is null then uncapped else sign(uncapped) * least(abs(uncapped), cap) end
    from event_points
    union all
    select lead_id, dimension, points from inactivity_points
),
lead_dimensions as (
    select profiles.lead_id,
        coalesce(sum(points.points) filter (where points.dimension = 'fit'), 0) as fit,
        coalesce(sum(points.points) filter (where points.dimension = 'engagement'), 0) as engagement,
        coalesce(sum(points.points) filter (where points.dimension = 'negative'), 0) as negative
    from profiles left join points on profiles.lead_id = points.lead_id
    group by profiles.lead_id
),
adjustments as (
    -- the first delivered valid row of each adjustment_id on a known lead (every lead, not only
    -- this slice's: a later row of the same id is a duplicate wherever its lead is)
    select all_survivors.survivor_id as lead_id, staged.*
    from (
        select file_row_number, {clean("adjustment_id")} as adjustment_id, {clean("lead_id")} as source_lead_id,
            {parse_timestamp(clean("effective_at"))} as effective_at, {clean("expires_at")} as expires_at_text,
            {parse_timestamp(clean("expires_at"))} as expires_at, {code(clean("mode"))} as mode,
            {code(clean("dimension"))} as dimension, {parse_number(clean("points"))} as points
        from {adjustments}
    ) as staged
    inner join all_survivors on staged.source_lead_id = all_survivors.lead_id
    where staged.adjustment_id is not null and staged.effective_at is not null
        and (staged.expires_at_text is null or staged.expires_at is not null)
        and staged.mode in ('add', 'set') and staged.dimension in ('fit', 'engagement', 'negative')
        and staged.points is not null and (staged.expires_at is null or staged.expires_at > staged.effective_at)
    qualify row_number() over (partition by staged.adjustment_id order by staged.file_row_number) = 1
),
lead_adjustments as (
    -- the active ones: per dimension the latest set (ties: the greater adjustment_id), and the adds
    select lead_id,
        arg_max(points, (effective_at, adjustment_id)) filter (where mode = 'set' and dimension = 'fit') as fit_set,
        arg_max(points, (effective_at, adjustment_id)) filter (where mode = 'set' and dimension = 'engagement')
            as engagement_set,
        arg_max(points, (effective_at, adjustment_id)) filter (where mode = 'set' and dimension = 'negative')
            as negative_set,
        coalesce(sum(points) filter (where mode = 'add'), 0) as added
    from adjustments
    where effective_at <= {as_of_sql} and (expires_at is null or {as_of_sql} < expires_at)
    group by lead_id
)
select lead_dimensions.lead_id,
    coalesce(lead_adjustments.fit_set, lead_dimensions.fit)
    + coalesce(lead_adjustments.engagement_set, lead_dimensions.engagement)
    + coalesce(lead_adjustments.negative_set, lead_dimensions.negative)
    + coalesce(lead_adjustments.added, 0) as total_score
from lead_dimensions left join lead_adjustments on lead_dimensions.lead_id = lead_adjustments.lead_id
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--seeds", type=Path, default=PROJECT_ROOT / "seeds")
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out", type=Path, required=True, help="Parquet file of lead_id, total_score")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument(
        "--slices",
        type=int,
        default=1,
        help="score the leads in N statements, one per slice of lead ids (by a hash), each with "
        "all its leads' events: every lead in bounded memory",
    )
    args = parser.parse_args(argv)
    # an in-memory database spills only with a temp_directory; the row order of the result is free
    connection = duckdb.connect(
        config={
            "threads": args.threads,
            "memory_limit": args.memory_limit,
            "temp_directory": str(args.out.parent / "ceiling_spill"),
            "preserve_insertion_order": False,
        }
    )
    try:
        connection.execute("set TimeZone = 'UTC'")
        # the timing line is the output the benchmark reads: no progress bar before it
        connection.execute("set enable_progress_bar = false")
        started = time.monotonic()
        parts = []
        for slice_index in range(args.slices):
            sql = ceiling_sql(args.input.resolve(), args.seeds.resolve(), args.as_of, args.slices, slice_index)
            connection.execute(f"create or replace temp table part_{slice_index} as {sql}")
            parts.append(f"select lead_id, total_score from part_{slice_index}")
        connection.execute(f"copy ({' union all '.join(parts)}) to {literal(str(args.out))} (format parquet)")
        seconds = time.monotonic() - started
    finally:
        connection.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"ceiling {seconds:.3f} s, peak {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
