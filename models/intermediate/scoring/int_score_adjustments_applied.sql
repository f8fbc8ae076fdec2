{#- What each manual score adjustment (score_adjustments) does to the main model's
    dimension scores, after rule caps and dimension limits (int_lead_dimensions_limited).
    An adjustment is active when effective_at <= the lead's as_of < expires_at (no
    expires_at: for good). Per lead and dimension, the active `set` adjustment with the
    latest effective_at (ties: the greater adjustment_id) replaces the score with its
    points, then every active `add` adjustment adds its points. One row per active
    adjustment that changed the score, with its contribution (a set: its value minus the
    score before it), so the reasons still add up to the score. -#}
with int_lead_dimensions_limited as (

    select * from {{ ref('int_lead_dimensions_limited') }}

),

int_score_adjustments_deduplicated as (

    select * from {{ ref('int_score_adjustments_deduplicated') }}

),

int_leads_timed as (

    select * from {{ ref('int_leads_timed') }}

),

active_adjustments as (

    select
        int_score_adjustments_deduplicated.adjustment_id,
        int_score_adjustments_deduplicated.lead_id,
        int_score_adjustments_deduplicated.dimension,
        int_score_adjustments_deduplicated.mode,
        int_score_adjustments_deduplicated.points,
        int_score_adjustments_deduplicated.reason,
        int_score_adjustments_deduplicated.effective_at,
        int_score_adjustments_deduplicated.expires_at
    from int_score_adjustments_deduplicated
    inner join int_leads_timed
        on int_score_adjustments_deduplicated.lead_id = int_leads_timed.lead_id
    where
        int_score_adjustments_deduplicated.effective_at <= int_leads_timed.as_of
        and (
            int_score_adjustments_deduplicated.expires_at is null
            or int_leads_timed.as_of < int_score_adjustments_deduplicated.expires_at
        )

),

ranked_sets as (

    select
        *,
        row_number() over (
            partition by lead_id, dimension
            order by effective_at desc, adjustment_id desc
        ) as set_rank
    from active_adjustments
    where mode = 'set'

),

contributions as (

    -- the winning set: its value minus the score the rules and limits gave
    select
        ranked_sets.adjustment_id,
        ranked_sets.lead_id,
        ranked_sets.dimension,
        ranked_sets.mode,
        ranked_sets.points as adjustment_points,
        ranked_sets.points - int_lead_dimensions_limited.score as points,
        ranked_sets.reason,
        ranked_sets.effective_at,
        ranked_sets.expires_at
    from ranked_sets
    inner join int_lead_dimensions_limited
        on
            ranked_sets.lead_id = int_lead_dimensions_limited.lead_id
            and ranked_sets.dimension = int_lead_dimensions_limited.dimension
    where ranked_sets.set_rank = 1

    union all

    select
        active_adjustments.adjustment_id,
        active_adjustments.lead_id,
        active_adjustments.dimension,
        active_adjustments.mode,
        active_adjustments.points as adjustment_points,
        active_adjustments.points,
        active_adjustments.reason,
        active_adjustments.effective_at,
        active_adjustments.expires_at
    from active_adjustments
    -- only the leads the main model scores
    inner join int_lead_dimensions_limited
        on
            active_adjustments.lead_id = int_lead_dimensions_limited.lead_id
            and active_adjustments.dimension = int_lead_dimensions_limited.dimension
    where active_adjustments.mode = 'add'

)

select
    adjustment_id,
    lead_id,
    dimension,
    mode,
    adjustment_points,
    {{ leadscore_round('points', var('leadscore_score_decimal_places') | int) }} as points,
    reason,
    effective_at,
    expires_at
from contributions
where points != 0
