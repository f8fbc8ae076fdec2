{#- The job_title_patterns seed typed: the pattern kept as written (trimmed; a regex is
    data, searched in the lower-cased job_title by int_leads_titled), the attribute and the
    value as lower-case codes, the priority as a number (the text kept for messages). -#}
with job_title_patterns as (

    select * from {{ ref('job_title_patterns') }}

),

cleaned as (

    select
        nullif(trim(pattern), '') as pattern,
        lower(nullif(trim(attribute), '')) as attribute,
        lower(nullif(trim(value), '')) as value,
        nullif(trim(priority), '') as priority_text
    from job_title_patterns

)

select
    pattern,
    attribute,
    value,
    {{ leadscore_parse_number('priority_text', '.') }} as priority,
    priority_text
from cleaned
