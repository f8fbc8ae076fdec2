{#- Every attribute condition to evaluate against the leads, from three seeds: attribute
    rules (condition_id rule:<rule_id>), segment conditions (segment:<segment>:<n>) and
    buying-group role conditions (role:<role>:<n>). All are evaluated once, by the same
    operators, in int_lead_conditions_matched. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

stg_segments as (

    select * from {{ ref('stg_segments') }}

),

stg_buying_group_roles as (

    select * from {{ ref('stg_buying_group_roles') }}

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

union all

select
    'role:' || condition_id as condition_id,
    field,
    operator,
    value,
    value_number,
    value_max_number
from stg_buying_group_roles
