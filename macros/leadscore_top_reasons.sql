{#- Per lead, the reasons reps read first, in words: the three largest gains, then the
    largest loss (by size; equal sizes by rule_id), "; "-separated; null without any.
    `points` has lead_id, rule_id, points, description: one lead's rules of one model. -#}
{% macro leadscore_top_reasons(points) -%}
    {{ return(adapter.dispatch('leadscore_top_reasons', 'leadscore')(points)) }}
{%- endmacro %}

{% macro default__leadscore_top_reasons(points) -%}
    with ranked_reasons as (
        select
            lead_id,
            points,
            description,
            row_number() over (
                partition by lead_id, points > 0
                order by abs(points) desc, rule_id
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
    )

    -- joined gains first, by rank, then the loss (an ordered string aggregate sorts inside
    -- every lead's group and cost several times more)
    select
        lead_id,
        nullif(substr(
            {{ dbt.concat([
                "coalesce('; ' || max(case when is_gain and reason_rank = 1 then reason_text end), '')",
                "coalesce('; ' || max(case when is_gain and reason_rank = 2 then reason_text end), '')",
                "coalesce('; ' || max(case when is_gain and reason_rank = 3 then reason_text end), '')",
                "coalesce('; ' || max(case when not is_gain then reason_text end), '')"
            ]) }},
            3
        ), '') as top_reasons
    from shown_reasons
    group by lead_id
{%- endmacro %}

{#- DuckDB keeps the top few per lead in the aggregate itself (arg_min with a count): no sort
    of every lead's rules, and only the shown reasons are put into words. -#}
{% macro duckdb__leadscore_top_reasons(points) -%}
    with picked as (
        select
            lead_id,
            arg_min(struct_pack(points := points, description := description), (-abs(points), rule_id), 3)
                filter (where points > 0) as gains,
            arg_min(struct_pack(points := points, description := description), (-abs(points), rule_id), 1)
                filter (where points < 0) as losses
        from {{ points }}
        group by lead_id
    )

    select
        lead_id,
        nullif(array_to_string(
            list_transform(
                list_concat(coalesce(gains, []), coalesce(losses, [])),
                reason -> {{ leadscore_format_reason('reason.points', 'reason.description') }}
            ),
            '; '
        ), '') as top_reasons
    from picked
{%- endmacro %}
