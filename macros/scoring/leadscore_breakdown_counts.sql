{#- Leads per scoring date, rules_version and breakdown of score_performance: overall, fit
    grade, engagement tier, priority, score decile, segment, lifecycle stage and lead source
    (an empty value is `(none)`). `ranked` is a relation or CTE with the columns of
    int_lead_scores_ranked. Returns the SQL of a CTE body: score_date, rules_version,
    breakdown, breakdown_value, lead_count. -#}
{% macro leadscore_breakdown_counts(ranked) -%}
    {%- set breakdowns = [
        ['overall', "'all'"],
        ['fit_grade', "coalesce(fit_grade, '(none)')"],
        ['engagement_tier', "coalesce(engagement_tier, '(none)')"],
        ['priority', "coalesce(priority, '(none)')"],
        ['score_decile', dbt.cast('score_decile', dbt.type_string())],
        ['segment', "coalesce(segment, '(none)')"],
        ['lifecycle_stage', "coalesce(lifecycle_stage, '(none)')"],
        ['lead_source', "coalesce(lead_source, '(none)')"],
    ] -%}
    {%- for breakdown in breakdowns %}
        select
            score_date,
            rules_version,
            '{{ breakdown[0] }}' as breakdown,
            {{ breakdown[1] }} as breakdown_value,
            count(*) as lead_count
        from {{ ranked }}
        group by score_date, rules_version{{ ', ' ~ breakdown[1] if breakdown[0] != 'overall' }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
