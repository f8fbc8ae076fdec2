{#- Points of inactivity rules: added once when the lead's latest activity up to as_of
    (or, with none, its created_at) is more than window_days before as_of. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

)

select
    int_leads_scoped.lead_id,
    stg_scoring_rules.model,
    stg_scoring_rules.rule_id,
    stg_scoring_rules.dimension,
    stg_scoring_rules.points
from stg_scoring_rules
inner join int_leads_scoped
    on stg_scoring_rules.model = int_leads_scoped.model
where
    stg_scoring_rules.source = 'inactivity'
    and stg_scoring_rules.segment_id in ('*', int_leads_scoped.segment_id)
    and {{ leadscore_age_days(
        'int_leads_scoped.as_of',
        'coalesce(int_leads_scoped.last_activity_at, int_leads_scoped.created_at)') }}
    > stg_scoring_rules.window_days
