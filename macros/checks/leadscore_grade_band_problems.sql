{#- Every problem of the grade_bands seed: (band, problem). Labels must be those the marts
    promise (fit_grade A-D, engagement_tier 1-4, lifecycle mql / sql), limits must name a
    dimension, and scores must be numbers. -#}
{% macro leadscore_grade_band_problems(bands, segments) -%}
with bands as (
    select
        *,
        segment_id || ' ' || coalesce(scale, '(empty scale)') || ' ' || coalesce(label, '(empty label)') as band_label
    from {{ bands }}
),

segment_ids as (
    select distinct segment_id from {{ segments }}
),

problems as (
    select band_label as subject, 'scale is not fit_grade, engagement_tier, lifecycle, hand_raiser, limit_min or limit_max' as problem
    from bands
    where scale is null
        or scale not in ('fit_grade', 'engagement_tier', 'lifecycle', 'hand_raiser', 'limit_min', 'limit_max')
    union all
    select band_label, 'label is empty' from bands where label is null
    union all
    select band_label, 'a fit_grade label is one of A, B, C, D'
    from bands where scale = 'fit_grade' and label not in ('A', 'B', 'C', 'D')
    union all
    select band_label, 'an engagement_tier label is one of 1, 2, 3, 4'
    from bands where scale = 'engagement_tier' and label not in ('1', '2', '3', '4')
    union all
    select band_label, 'a lifecycle label is mql or sql'
    from bands where scale = 'lifecycle' and label not in ('mql', 'sql')
    union all
    select band_label, 'a limit names a dimension: fit, engagement or negative'
    from bands where scale in ('limit_min', 'limit_max') and label not in ('fit', 'engagement', 'negative')
    union all
    select band_label, 'min_score ' || coalesce('''' || min_score_text || '''', 'empty') || ' is not a number'
    from bands where scale != 'hand_raiser' and min_score is null
    union all
    select band_label, 'appears more than once'
    from bands group by band_label having count(*) > 1
    union all
    select band_label, 'segment ''' || segment_id || ''' is not in the segments seed'
    from bands
    where segment_id != '*' and segment_id != 'default' and segment_id not in (select segment_id from segment_ids where segment_id is not null)
)

select subject, problem from problems
{%- endmacro %}
