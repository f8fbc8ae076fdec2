with grade_bands as (

    select * from {{ ref('grade_bands') }}

)

select
    coalesce({{ leadscore_clean_text('segment') }}, '*') as segment_id,
    lower({{ leadscore_clean_text('scale') }}) as scale,
    case
        -- hand-raiser labels are activity types, compared as codes
        when lower(trim(scale)) = 'hand_raiser' then {{ leadscore_clean_code('label') }}
        when lower(trim(scale)) in ('limit_min', 'limit_max') then lower(trim(label))
        else trim(label)
    end as label,
    {{ leadscore_parse_number('trim(min_score)') }} as min_score,
    trim(min_score) as min_score_text
from grade_bands
