{#- Per lead, the reasons reps read first, in words: the three largest gains, then the
    largest loss (by size; equal sizes by rule_id), "; "-separated; null without any.
    `points` has lead_id, rule_id, points, description: one lead's rules of one model.
    Windows only, no aggregate: a text aggregate state per lead (an ordered string_agg, a
    max of text, DuckDB's arg_min of a struct) cannot be spilled to disk, and at 2M leads it
    alone outgrew a 4GB memory_limit; windows sort, and sorts spill. -#}
{% macro leadscore_top_reasons(points) -%}
    with ranked_reasons as (
        select
            lead_id,
            points,
            description,
            row_number() over (
                partition by lead_id, points > 0
                order by abs(points) desc, {{ leadscore_byte_order('rule_id') }}
            ) as reason_rank
        from {{ points }}
    ),

    shown_reasons as (
        select
            lead_id,
            points > 0 as is_gain,
            reason_rank,
            {{ leadscore_format_reason('points', 'description') }} as reason_text
        from ranked_reasons
        where (points > 0 and reason_rank <= 3) or (points < 0 and reason_rank = 1)
    ),

    -- at most four shown reasons per lead, gains first by rank, then the loss: the first
    -- row of each lead joins its own text with the next three
    joined_reasons as (
        select
            lead_id,
            row_number() over (partition by lead_id order by is_gain desc, reason_rank) as shown_rank,
            {{ dbt.concat([
                "reason_text",
                "coalesce('; ' || lead(reason_text, 1) over (partition by lead_id order by is_gain desc, reason_rank), '')",
                "coalesce('; ' || lead(reason_text, 2) over (partition by lead_id order by is_gain desc, reason_rank), '')",
                "coalesce('; ' || lead(reason_text, 3) over (partition by lead_id order by is_gain desc, reason_rank), '')"
            ]) }} as top_reasons
        from shown_reasons
    )

    select
        lead_id,
        top_reasons
    from joined_reasons
    where shown_rank = 1
{%- endmacro %}
