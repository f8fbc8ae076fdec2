{#- Each lead's segment: the segment with the lowest priority whose conditions (ANDed) all
    match; ties by segment_id; leads matching none are in `default`. -#}
with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

stg_segments as (

    select * from {{ ref('stg_segments') }}

),

int_lead_conditions_matched as (

    select * from {{ ref('int_lead_conditions_matched') }}

),

segment_sizes as (

    select
        segment_id,
        min(priority) as priority,
        count(*) as condition_count
    from stg_segments
    group by segment_id

),

matched_counts as (

    select
        int_lead_conditions_matched.lead_id,
        stg_segments.segment_id,
        count(*) as matched_count
    from int_lead_conditions_matched
    inner join stg_segments
        on int_lead_conditions_matched.condition_id = 'segment:' || stg_segments.condition_id
    group by int_lead_conditions_matched.lead_id, stg_segments.segment_id

),

qualified as (

    select
        matched_counts.lead_id,
        matched_counts.segment_id,
        row_number() over (
            partition by matched_counts.lead_id
            order by segment_sizes.priority, matched_counts.segment_id
        ) as preference
    from matched_counts
    inner join segment_sizes
        on matched_counts.segment_id = segment_sizes.segment_id
    where matched_counts.matched_count = segment_sizes.condition_count

),

preferred as (

    select
        lead_id,
        segment_id
    from qualified
    where preference = 1

)

select
    int_leads_as_of.lead_id,
    coalesce(preferred.segment_id, 'default') as segment_id
from int_leads_as_of
left join preferred
    on int_leads_as_of.lead_id = preferred.lead_id
