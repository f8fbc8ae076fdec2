{#- The scores of every model other than `lead` (e.g. interest in a product line, upsell
    potential of customers): one row per lead in the model's population. -#}
with int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

),

int_rule_points_unioned as (

    select * from {{ ref('int_rule_points_unioned') }}

),

model_points as (

    select
        lead_id,
        model,
        sum(points) as score
    from int_rule_points_unioned
    where model != 'lead'
    group by lead_id, model

)

select
    int_leads_scoped.lead_id,
    int_leads_scoped.model,
    cast(coalesce(model_points.score, 0) as {{ leadscore_type_double() }}) as score
from int_leads_scoped
left join model_points
    on
        int_leads_scoped.lead_id = model_points.lead_id
        and int_leads_scoped.model = model_points.model
where int_leads_scoped.model != 'lead'
