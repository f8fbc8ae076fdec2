{#- Every contribution to every score: one row per lead, model and rule that added
    points, plus one row per dimension limit that changed a main-model score. Per lead,
    the rows of model `lead` add up exactly to lead_scores.total_score. -#}
with int_rule_points_unioned as (

    select * from {{ ref('int_rule_points_unioned') }}

),

int_lead_dimensions_limited as (

    select * from {{ ref('int_lead_dimensions_limited') }}

),

limit_rows as (

    select
        lead_id,
        'lead' as model,
        'limit:' || dimension as rule_id,
        dimension,
        limit_adjustment as points,
        'Limit on the ' || dimension || ' score (the rules gave '
        || {{ leadscore_number_as_text(leadscore_round('rule_points', 2)) }} || ')' as description
    from int_lead_dimensions_limited
    where limit_adjustment != 0

),

all_reasons as (

    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        description
    from int_rule_points_unioned
    union all
    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        description
    from limit_rows

)

select
    lead_id,
    model,
    rule_id,
    dimension,
    cast(points as {{ leadscore_type_double() }}) as points,
    description
from all_reasons
