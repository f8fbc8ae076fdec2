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
    select segment_label, 'field is empty' from segments where field is null
    union all
    select segment_label, 'field ''' || field || ''' is personal data, which is not scored (docs/personal-data.md); use has_email, has_phone or email_domain'
    from segments where field in ({{ leadscore_string_literal_list(leadscore_input_contract('leads').personal) }})    union all
    select segment_label, 'operator ' || coalesce('''' || operator || '''', 'empty') || ' is not an attribute operator'
    from segments
    where operator is null
        or operator not in ('eq', 'neq', 'in', 'not_in', 'contains', 'regex', 'between', 'gte', 'lte', 'present', 'missing')
    union all
    select segment_label, 'operator ''' || operator || ''' has no value'
    from segments where operator not in ('present', 'missing') and value is null
    union all
    select segment_label, operator || ' needs a numeric value, not ''' || value || ''''
    from segments where operator in ('between', 'gte', 'lte') and value is not null and value_number is null
    union all
    select segment_label, 'between needs a numeric value_max'
    from segments where operator = 'between' and value_max_number is null
    union all
    select segment_label, 'regex ''' || value || ''' does not compile'
    from segments where operator = 'regex' and value is not null and not {{ leadscore_regex_compiles('value') }}
)

select subject, problem from problems
{%- endmacro %}
