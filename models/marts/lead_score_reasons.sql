{#- Every contribution to every score: one row per lead, model and rule that added
    points, plus one row per dimension limit that changed a main-model score and one per
    manual adjustment that did (rule_id adjustment:<adjustment_id>). Per lead, the rows of
    model `lead` add up exactly to lead_scores.total_score. -#}
with int_rule_points_unioned as (

    select * from {{ ref('int_rule_points_unioned') }}

),

int_lead_dimensions_limited as (

    select * from {{ ref('int_lead_dimensions_limited') }}

),

int_score_adjustments_applied as (

    select * from {{ ref('int_score_adjustments_applied') }}

),

limit_rows as (

    select
        lead_id,
        'lead' as model,
        'limit:' || dimension as rule_id,
        dimension,
        limit_adjustment as points,
        cast(null as {{ dbt.type_bigint() }}) as event_count,
        'Limit on the ' || dimension || ' score (the rules gave '
        || {{ leadscore_number_as_text(leadscore_round('rule_points', 2)) }} || ')' as description
    from int_lead_dimensions_limited
    where limit_adjustment != 0

),

adjustment_rows as (

    select
        lead_id,
        'lead' as model,
        'adjustment:' || adjustment_id as rule_id,
        dimension,
        points,
        cast(null as {{ dbt.type_bigint() }}) as event_count,
        coalesce(reason, 'Manual score adjustment') as description
    from int_score_adjustments_applied

),

all_reasons as (

    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        event_count,
        description
    from int_rule_points_unioned
    union all
    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        event_count,
        description
    from limit_rows
    union all
    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        event_count,
        description
    from adjustment_rows

)

select
    lead_id,
    model,
    rule_id,
    dimension,
    cast(points as {{ leadscore_type_double() }}) as points,
    description,
    cast(event_count as {{ dbt.type_bigint() }}) as event_count
from all_reasons
