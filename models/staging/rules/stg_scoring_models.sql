with scoring_models as (

    select * from {{ ref('scoring_models') }}

)

select
    lower({{ leadscore_clean_text('model') }}) as model,
    lower({{ leadscore_clean_text('population') }}) as population,
    {{ leadscore_clean_text('description') }} as description
from scoring_models
