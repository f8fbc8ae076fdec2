{#- The leads that exist at as_of (created_at <= as_of), with the version of their profile
    that was current then (the newest with updated_at, or created_at, <= as_of; the oldest
    when every version is later), and what segments, populations and lifecycle stages
    need: contact, consent, last activity and conversion as of then. Versions, activities
    and outcomes after as_of are ignored, so any past date re-scores exactly. -#}
with int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

),

int_lead_versions as (

    select * from {{ ref('int_lead_versions') }}

),

int_activities_deduplicated as (

    select * from {{ ref('int_activities_deduplicated') }}

),

int_outcomes_deduplicated as (

    select * from {{ ref('int_outcomes_deduplicated') }}

),

versions_dated as (

    select
        *,
        coalesce(updated_at, created_at) <= {{ leadscore_as_of() }} as is_known_at_as_of
    from int_lead_versions

),

versions_ranked as (

    select
        lead_id,
        raw_row_number,
        account_id,
        lead_source,
        email,
        phone,
        -- versions known at as_of first, ranked as triage ranks them (newest updated_at,
        -- then created_at, then the later row); without any, the oldest version
        row_number() over (
            partition by lead_id
            order by
                case when is_known_at_as_of then 0 else 1 end,
                case when is_known_at_as_of then updated_at end desc nulls last,
                case when is_known_at_as_of then created_at end desc nulls last,
                case when not is_known_at_as_of then coalesce(updated_at, created_at) end asc,
                raw_row_number desc
        ) as version_rank
    from versions_dated

),

current_versions as (

    select * from versions_ranked
    where version_rank = 1

),

last_activities as (

    select
        lead_id,
        max(occurred_at) as last_activity_at
    from int_activities_deduplicated
    where occurred_at <= {{ leadscore_as_of() }}
    group by lead_id

),

conversions as (

    -- an undated conversion counts at any as_of: outcome_at is what makes backtests exact
    select
        lead_id,
        min(outcome_at) as converted_at
    from int_outcomes_deduplicated
    where
        outcome in ({{ leadscore_conversion_outcome_list() }})
        and (outcome_at is null or outcome_at <= {{ leadscore_as_of() }})
    group by lead_id

)

select
    int_leads_deduplicated.lead_id,
    current_versions.raw_row_number as version_row_number,
    int_leads_deduplicated.created_at,
    current_versions.account_id,
    current_versions.lead_source,
    (
        current_versions.email is not null
        or current_versions.phone is not null
    ) as has_contact,
    coalesce(int_leads_deduplicated.do_not_email, false) as has_opted_out_of_email,
    coalesce(int_leads_deduplicated.do_not_call, false) as has_opted_out_of_calls,
    last_activities.last_activity_at,
    conversions.converted_at,
    conversions.lead_id is not null as is_customer,
    {{ leadscore_as_of() }} as as_of
from int_leads_deduplicated
inner join current_versions
    on int_leads_deduplicated.lead_id = current_versions.lead_id
left join last_activities
    on int_leads_deduplicated.lead_id = last_activities.lead_id
left join conversions
    on int_leads_deduplicated.lead_id = conversions.lead_id
where int_leads_deduplicated.created_at <= {{ leadscore_as_of() }}
