{#- The scoring rules seed typed: codes lower-cased, numbers parsed. The raw texts of the
    numbers are kept so that validation (test valid_scoring_rules) can name a bad value.
    min_count, max_count and max_per_day are optional columns: a seed written before they
    existed reads as if they were empty. -#}
{%- set optional = {} -%}
{%- for name in ['min_count', 'max_count', 'max_per_day'] -%}
    {%- do optional.update({name: leadscore_optional_column(ref('scoring_rules'), name)}) -%}
{%- endfor %}
with scoring_rules as (

    select * from {{ ref('scoring_rules') }}

),

cleaned as (

    select
        nullif(trim(rule_id), '') as rule_id,
        lower(nullif(trim(model), '')) as model,
        coalesce(nullif(trim(segment), ''), '*') as segment_id,
        lower(nullif(trim(dimension), '')) as dimension,
        lower(nullif(trim(source), '')) as source,
        lower(nullif(trim(operator), '')) as operator,
        nullif(trim(field), '') as field_text,
        nullif(trim(value), '') as value,
        nullif(trim(value_max), '') as value_max,
        nullif(trim(points), '') as points_text,
        nullif(trim(half_life_days), '') as half_life_days_text,
        nullif(trim(window_days), '') as window_days_text,
        nullif(trim(max_points), '') as max_points_text,
        nullif(trim({{ optional.min_count }}), '') as min_count_text,
        nullif(trim({{ optional.max_count }}), '') as max_count_text,
        nullif(trim({{ optional.max_per_day }}), '') as max_per_day_text,
        nullif(trim(description), '') as description
    from scoring_rules

)

select
    rule_id,
    model,
    segment_id,
    dimension,
    source,
    -- fields and activity types are compared as normalised codes ("Job Title" -> job_title)
    case when field_text = '*' then '*' else {{ leadscore_clean_code('field_text') }} end as field,
    operator,
    -- inner white space folded as in the input's text ("New  York" = "New York"), not in patterns
    case when operator = 'regex' then value else {{ leadscore_fold_whitespace('value') }} end as value,
    value_max,
    {{ leadscore_parse_number('value', '.') }} as value_number,
    {{ leadscore_parse_number('value_max', '.') }} as value_max_number,
    {{ leadscore_parse_number('points_text', '.') }} as points,
    {{ leadscore_parse_number('half_life_days_text', '.') }} as half_life_days,
    {{ leadscore_parse_number('window_days_text', '.') }} as window_days,
    {{ leadscore_parse_number('max_points_text', '.') }} as max_points,
    {{ leadscore_parse_number('min_count_text', '.') }} as min_count,
    {{ leadscore_parse_number('max_count_text', '.') }} as max_count,
    {{ leadscore_parse_number('max_per_day_text', '.') }} as max_per_day,
    coalesce(description, rule_id) as description,
    points_text,
    half_life_days_text,
    window_days_text,
    max_points_text,
    min_count_text,
    max_count_text,
    max_per_day_text
from cleaned
