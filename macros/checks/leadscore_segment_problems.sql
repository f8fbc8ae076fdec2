{#- Every problem of the segments seed: (segment condition, problem). -#}
{% macro leadscore_segment_problems(segments) -%}
with segments as (
    select
        *,
        coalesce(segment_id, '(a row with an empty segment_id)') as segment_label
    from {{ segments }}
),

problems as (
    select segment_label as subject, 'segment_id is empty' as problem from segments where segment_id is null
    union all
    select segment_label, '''default'' is the name of the segment of leads that match none; choose another id'
    from segments where segment_id = 'default' or segment_id = '*'
    union all
    select segment_label, 'priority ' || coalesce('''' || priority_text || '''', 'empty') || ' is not a number'
    from segments where priority is null
    union all
    select segment_id, 'its rows have different priorities'
    from segments where segment_id is not null group by segment_id having count(distinct priority) > 1
    union all
    {{ leadscore_condition_problems('segments', 'segment_label') }}
)

select subject, problem from problems
{%- endmacro %}
