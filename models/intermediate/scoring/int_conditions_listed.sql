{#- Every attribute condition to evaluate against the leads, from two seeds: attribute
    rules (condition_id rule:<rule_id>) and segment conditions (segment:<segment>:<n>).
    Both are evaluated once, by the same operators, in int_lead_conditions_matched. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

stg_segments as (

    select * from {{ ref('stg_segments') }}

)

select
    'rule:' || rule_id as condition_id,
    field,
    operator,
    value,
    value_number,
    value_max_number
from stg_scoring_rules
where source = 'attribute'

union all

select
    'segment:' || condition_id as condition_id,
    field,
    operator,
    value,
    value_number,
    value_max_number
from stg_segments
