with segments as (

    select * from {{ ref('segments') }}

),

cleaned as (

    select
        {{ leadscore_clean_text('segment_id') }} as segment_id,
        trim(priority) as priority_text,
        trim(field) as field_text,
        lower({{ leadscore_clean_text('operator') }}) as operator,
        trim(value) as value,
        trim(value_max) as value_max
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
    {{ leadscore_parse_number('priority_text') }} as priority,
    {{ leadscore_clean_code('field_text') }} as field,
    operator,
    value,
    value_max,
    {{ leadscore_parse_number('value') }} as value_number,
    {{ leadscore_parse_number('value_max') }} as value_max_number,
    priority_text
from cleaned
