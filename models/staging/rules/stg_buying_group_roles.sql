{#- The buying_group_roles seed typed, one row per condition (the rows of one role are
    ANDed, as a segment's are). The conditions are evaluated with the scoring rules' and
    segments' in int_lead_conditions_matched (condition_id role:<role>:<n>). -#}
with buying_group_roles as (

    select * from {{ ref('buying_group_roles') }}

),

cleaned as (

    select
        nullif(trim(role), '') as role,
        nullif(trim(field), '') as field_text,
        lower(nullif(trim(operator), '')) as operator,
        nullif(trim(value), '') as value,
        nullif(trim(value_max), '') as value_max
    from buying_group_roles

)

select
    -- a role has several condition rows; this numbers them for messages and joins
    {{ dbt.concat([
        "role", "':'",
        "cast(row_number() over (partition by role order by field_text, operator, value) as "
        ~ dbt.type_string() ~ ")"
    ]) }} as condition_id,
    role,
    {{ leadscore_clean_code('field_text') }} as field,
    operator,
    case when operator = 'regex' then value else {{ leadscore_fold_whitespace('value') }} end as value,
    value_max,
    {{ leadscore_parse_number('value', '.') }} as value_number,
    {{ leadscore_parse_number('value_max', '.') }} as value_max_number
from cleaned
