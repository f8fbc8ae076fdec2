with grade_bands as (

    select * from {{ ref('grade_bands') }}

)

select
    coalesce(nullif(trim(segment), ''), '*') as segment_id,
    lower(nullif(trim(scale), '')) as scale,
    case
        -- hand-raiser labels are activity types, compared as codes
        when lower(trim(scale)) = 'hand_raiser' then {{ leadscore_clean_code('label') }}
        when lower(trim(scale)) in ('limit_min', 'limit_max', 'lifecycle') then lower(trim(label))
        when lower(trim(scale)) = 'fit_grade' then upper(trim(label))
        else nullif(trim(label), '')
    end as label,
    {{ leadscore_parse_number("nullif(trim(min_score), '')", '.') }} as min_score,
    nullif(trim(min_score), '') as min_score_text
from grade_bands
