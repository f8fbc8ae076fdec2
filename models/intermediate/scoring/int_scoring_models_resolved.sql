{#- Every scoring model the rules name, with the population it scores (scoring_models
    seed; a model not listed there scores every lead). -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

stg_scoring_models as (

    select * from {{ ref('stg_scoring_models') }}

),

rule_models as (

    select distinct model from stg_scoring_rules
    union
    select 'lead' as model

)

select
    rule_models.model,
    coalesce(stg_scoring_models.population, 'all') as population,
    stg_scoring_models.description
from rule_models
left join stg_scoring_models
    on rule_models.model = stg_scoring_models.model
