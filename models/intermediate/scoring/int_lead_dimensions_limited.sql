{#- The main model's three dimension scores per lead: the sums of their rules, then the
    per-dimension limits of grade_bands (limit_min / limit_max, per segment with `*` as
    fallback). The difference a limit makes is returned as its own reason row
    (limit_adjustment) so that reasons still add up to the score. -#}
with int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

),

int_rule_points_unioned as (

    select * from {{ ref('int_rule_points_unioned') }}

),

int_grade_bands_resolved as (

    select * from {{ ref('int_grade_bands_resolved') }}

),

dimensions as (

    select 'fit' as dimension
    union all
    select 'engagement' as dimension
    union all
    select 'negative' as dimension

),

lead_dimensions as (

    select
        int_leads_scoped.lead_id,
        int_leads_scoped.segment_id,
        dimensions.dimension
    from int_leads_scoped
    cross join dimensions
    where int_leads_scoped.model = 'lead'

),

rule_sums as (

    select
        lead_id,
        dimension,
        {{ leadscore_round('sum(points)', var('leadscore_score_decimal_places') | int) }} as rule_points
    from int_rule_points_unioned
    where model = 'lead'
    group by lead_id, dimension

),

limits as (

    select
        segment_id,
        label as dimension,
        max(case when scale = 'limit_min' then min_score end) as floor_score,
        min(case when scale = 'limit_max' then min_score end) as ceiling_score
    from int_grade_bands_resolved
    where scale in ('limit_min', 'limit_max')
    group by segment_id, label

),

unlimited as (

    select
        lead_dimensions.lead_id,
        lead_dimensions.segment_id,
        lead_dimensions.dimension,
        coalesce(rule_sums.rule_points, 0) as rule_points,
        limits.floor_score,
        limits.ceiling_score
    from lead_dimensions
    left join rule_sums
        on
            lead_dimensions.lead_id = rule_sums.lead_id
            and lead_dimensions.dimension = rule_sums.dimension
    left join limits
        on
            lead_dimensions.segment_id = limits.segment_id
            and lead_dimensions.dimension = limits.dimension

),

limited as (

    select
        lead_id,
        segment_id,
        dimension,
        rule_points,
        floor_score,
        ceiling_score,
        case
            when ceiling_score is not null and rule_points > ceiling_score then ceiling_score
            when floor_score is not null and rule_points < floor_score then floor_score
            else rule_points
        end as score
    from unlimited

)

select
    lead_id,
    segment_id,
    dimension,
    rule_points,
    floor_score,
    ceiling_score,
    score,
    score - rule_points as limit_adjustment
from limited
