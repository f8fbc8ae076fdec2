with segments as (

    select * from {{ ref('segments') }}

),

cleaned as (

    select
        nullif(trim(segment_id), '') as segment_id,
        nullif(trim(priority), '') as priority_text,
        nullif(trim(field), '') as field_text,
        lower(nullif(trim(operator), '')) as operator,
        nullif(trim(value), '') as value,
        nullif(trim(value_max), '') as value_max
    from segments

)

select
    -- a segment has several condition rows; this numbers them for messages and joins
    {{ dbt.concat([
        "segment_id", "':'",
        "cast(row_number() over (partition by segment_id order by field_text, operator, value) as "
        ~ dbt.type_string() ~ ")"
    ]) }} as condition_id,
    segment_id,
    {{ leadscore_parse_number('priority_text', '.') }} as priority,
    {{ leadscore_clean_code('field_text') }} as field,
    operator,
    case when operator = 'regex' then value else {{ leadscore_fold_whitespace('value') }} end as value,
    value_max,
    {{ leadscore_parse_number('value', '.') }} as value_number,
    {{ leadscore_parse_number('value_max', '.') }} as value_max_number,
    priority_text
from cleaned
