{#- The scoring rules seed typed: codes lower-cased, numbers parsed. The raw texts of the
    numbers are kept so that validation (test valid_scoring_rules) can name a bad value. -#}
with scoring_rules as (

    select * from {{ ref('scoring_rules') }}

),

cleaned as (

    select
        {{ leadscore_clean_text('rule_id') }} as rule_id,
        lower({{ leadscore_clean_text('model') }}) as model,
        coalesce({{ leadscore_clean_text('segment') }}, '*') as segment_id,
        lower({{ leadscore_clean_text('dimension') }}) as dimension,
        lower({{ leadscore_clean_text('source') }}) as source,
        lower({{ leadscore_clean_text('operator') }}) as operator,
        trim(field) as field_text,
        trim(value) as value,
        trim(value_max) as value_max,
        trim(points) as points_text,
        trim(half_life_days) as half_life_days_text,
        trim(window_days) as window_days_text,
        trim(max_points) as max_points_text,
        {{ leadscore_clean_text('description') }} as description
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
    value,
    value_max,
    {{ leadscore_parse_number('value') }} as value_number,
    {{ leadscore_parse_number('value_max') }} as value_max_number,
    {{ leadscore_parse_number('points_text') }} as points,
    {{ leadscore_parse_number('half_life_days_text') }} as half_life_days,
    {{ leadscore_parse_number('window_days_text') }} as window_days,
    {{ leadscore_parse_number('max_points_text') }} as max_points,
    coalesce(description, rule_id) as description,
    points_text,
    half_life_days_text,
    window_days_text,
    max_points_text
from cleaned
