{#- Every problem of the job_title_patterns seed, one row each: (pattern row, problem).
    Empty when the patterns can be used. Used by the test valid_job_title_patterns, which
    stops the build before any lead is titled (and so before anything is scored). -#}
{% macro leadscore_job_title_pattern_problems(patterns) -%}
{%- set values = {
    'seniority': ['c_level', 'vp', 'director', 'manager', 'individual', 'student', 'unknown'],
    'function': ['executive', 'sales', 'marketing', 'it', 'engineering', 'finance', 'hr', 'operations', 'other', 'unknown'],
} -%}
with patterns as (
    select
        *,
        -- the row as it reads in the seed, for the message
        coalesce('''' || pattern || '''', '(an empty pattern)')
        || ' -> ' || coalesce(attribute, '?') || ' ' || coalesce(value, '?') as pattern_label
    from {{ patterns }}
),

problems as (
    select pattern_label as subject, 'pattern is empty' as problem from patterns where pattern is null
    union all
    select pattern_label, 'regex ''' || pattern || ''' does not compile'
    from patterns where pattern is not null and not {{ leadscore_regex_compiles('pattern') }}
    union all
    select pattern_label, 'attribute ' || coalesce('''' || attribute || '''', 'empty') || ' is not seniority or function'
    from patterns where attribute is null or attribute not in ('seniority', 'function')
    {%- for attribute, allowed in values.items() %}
    union all
    select pattern_label, 'value ' || coalesce('''' || value || '''', 'empty') || ' is not a {{ attribute }} ({{ allowed | join(", ") }})'
    from patterns
    where attribute = '{{ attribute }}' and (value is null or value not in ({{ leadscore_string_literal_list(allowed) }}))
    {%- endfor %}
    union all
    select pattern_label, 'priority ' || coalesce('''' || priority_text || '''', 'empty') || ' is not a whole number'
    from patterns where priority is null or priority != floor(priority)
    union all
    select min(pattern_label), 'the pattern appears ' || cast(count(*) as {{ dbt.type_string() }}) || ' times for ' || attribute
    from patterns where pattern is not null and attribute is not null group by pattern, attribute having count(*) > 1
)

select subject, problem from problems
{%- endmacro %}
