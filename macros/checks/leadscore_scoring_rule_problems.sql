{#- Every problem of the scoring rules, one row each: (rule_id, problem). Empty when the
    rules can be scored. Used by the test valid_scoring_rules, which stops the build
    before any scoring model and names the rows. -#}
{% macro leadscore_scoring_rule_problems(rules, segments) -%}
{%- set attribute_operators = ['eq', 'neq', 'in', 'not_in', 'contains', 'regex', 'between', 'gte', 'lte', 'present', 'missing'] -%}
with rules as (
    select * from {{ rules }}
),

segment_ids as (
    select distinct segment_id from {{ segments }}
),

labelled as (
    select
        rules.*,
        coalesce(rules.rule_id, '(a row with an empty rule_id)') as rule_label
    from rules
),

problems as (
    select rule_label as rule_id, 'rule_id is empty' as problem from labelled where rule_id is null
    union all
    select rule_id, 'rule_id appears ' || cast(count(*) as {{ dbt.type_string() }}) || ' times'
    from labelled where rule_id is not null group by rule_id having count(*) > 1
    union all
    select rule_label, 'model is empty' from labelled where model is null
    union all
    select rule_label, 'dimension ' || coalesce('''' || dimension || '''', 'empty') || ' is not fit, engagement or negative'
    from labelled where dimension is null or dimension not in ('fit', 'engagement', 'negative')
    union all
    select rule_label, 'source ' || coalesce('''' || source || '''', 'empty') || ' is not attribute, activity, feedback or inactivity'
    from labelled where source is null or source not in ('attribute', 'activity', 'feedback', 'inactivity')
    union all
    select rule_label, 'field is empty' from labelled where field is null and source in ('attribute', 'activity', 'feedback')
    union all
    select rule_label, 'field ''' || field || ''' is not a sales rating ({{ var('leadscore_feedback_ratings') | join(", ") }})'
    from labelled where source = 'feedback' and field is not null and not {{ leadscore_in_list('field', var('leadscore_feedback_ratings')) }}
    union all
    select rule_label, 'operator ''' || operator || ''' is not allowed on a feedback rule (leave it empty)'
    from labelled where source = 'feedback' and operator is not null
    union all
    select rule_label, 'operator ' || coalesce('''' || operator || '''', 'empty') || ' is not an attribute operator ({{ attribute_operators | join(", ") }})'
    from labelled
    where source = 'attribute' and (operator is null or operator not in ({% for op in attribute_operators %}'{{ op }}'{{ ',' if not loop.last }}{% endfor %}))
    union all
    select rule_label, 'operator ''' || operator || ''' is not a url filter of an activity rule (contains, regex or empty)'
    from labelled where source = 'activity' and operator is not null and operator not in ('contains', 'regex')
    union all
    select rule_label, 'operator ''' || operator || ''' has no value'
    from labelled where operator is not null and operator not in ('present', 'missing') and value is null
    union all
    select rule_label, 'points ' || coalesce('''' || points_text || '''', 'empty') || ' is not a number'
    from labelled where points is null
    union all
    select rule_label, operator || ' needs a numeric value, not ''' || value || ''''
    from labelled where operator in ('between', 'gte', 'lte') and value is not null and value_number is null
    union all
    select rule_label, 'between needs a numeric value_max, not ' || coalesce('''' || value_max || '''', 'an empty one')
    from labelled where operator = 'between' and value_max_number is null
    union all
    select rule_label, 'between has value ' || value || ' above value_max ' || value_max
    from labelled where operator = 'between' and value_number > value_max_number
    union all
    select rule_label, 'regex ''' || value || ''' does not compile'
    from labelled where operator = 'regex' and value is not null and not {{ leadscore_regex_compiles('value') }}
    union all
    select rule_label, 'half_life_days ''' || half_life_days_text || ''' is not a positive number'
    from labelled where half_life_days_text is not null and not coalesce(half_life_days > 0, false)
    union all
    select rule_label, 'window_days ''' || window_days_text || ''' is not a number of days (0 or more)'
    from labelled where window_days_text is not null and not coalesce(window_days >= 0, false)
    union all
    select rule_label, 'max_points ''' || max_points_text || ''' is not a number'
    from labelled where max_points_text is not null and max_points is null
    union all
    select rule_label, 'min_count ''' || min_count_text || ''' is not a whole number of 1 or more'
    from labelled where min_count_text is not null and not coalesce(min_count >= 1 and min_count = floor(min_count), false)
    union all
    select rule_label, 'max_count ''' || max_count_text || ''' is not a whole number of 1 or more'
    from labelled where max_count_text is not null and not coalesce(max_count >= 1 and max_count = floor(max_count), false)
    union all
    select rule_label, 'max_count ' || max_count_text || ' is below min_count ' || min_count_text
    from labelled where max_count < min_count
    union all
    select rule_label, 'max_per_day ''' || max_per_day_text || ''' is not a whole number of 1 or more'
    from labelled where max_per_day_text is not null and not coalesce(max_per_day >= 1 and max_per_day = floor(max_per_day), false)
    union all
    select rule_label, 'a frequency rule (min_count / max_count) adds its points once, without decay: leave half_life_days empty'
    from labelled where (min_count_text is not null or max_count_text is not null) and half_life_days_text is not null
    union all
    select rule_label, 'min_count, max_count and max_per_day apply to activity and feedback rules only'
    from labelled
    where
        (min_count_text is not null or max_count_text is not null or max_per_day_text is not null)
        and coalesce(source, '') not in ('activity', 'feedback')
    union all
    select rule_label, 'field ''' || field || ''' is personal data, which is not scored (docs/personal-data.md); use has_email, has_phone or email_domain'
    from labelled where source = 'attribute' and field in ({{ leadscore_string_literal_list(leadscore_input_contract('leads').personal) }})    union all
    select rule_label, 'an inactivity rule needs window_days'
    from labelled where source = 'inactivity' and window_days is null
    union all
    select rule_label, 'segment ''' || segment_id || ''' is not in the segments seed (use * for every segment)'
    from labelled
    where segment_id != '*' and segment_id != 'default' and segment_id not in (select segment_id from segment_ids where segment_id is not null)
)

select rule_id, problem from problems
{%- endmacro %}
