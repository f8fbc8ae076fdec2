with scoring_models as (

    select * from {{ ref('scoring_models') }}

)

select
    lower(nullif(trim(model), '')) as model,
    lower(nullif(trim(population), '')) as population,
    nullif(trim(description), '') as description
from scoring_models
