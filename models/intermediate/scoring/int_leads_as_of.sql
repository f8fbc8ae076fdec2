{#- The leads that exist at as_of (created_at <= as_of), with the version of their profile
    that was current then (the newest with updated_at, or created_at, <= as_of; the oldest
    when every version is later), and what segments, populations and lifecycle stages
    need: contact, consent, last activity and conversion as of then. Versions, activities
    and outcomes after as_of are ignored, so any past date re-scores exactly.
    The moment comes from int_leads_timed (score_at_lead_age_days moves it per lead). -#}
with int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

),

int_lead_versions as (

    select * from {{ ref('int_lead_versions') }}

),

int_leads_timed as (

    select * from {{ ref('int_leads_timed') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

int_lead_activities_summarized as (

    select * from {{ ref('int_lead_activities_summarized') }}

),

int_outcomes_deduplicated as (

    select * from {{ ref('int_outcomes_deduplicated') }}

),

lead_moments as (

    select
        lead_id,
        as_of
    from int_leads_timed

),

versions_dated as (

    select
        int_lead_versions.*,
        coalesce(int_lead_versions.updated_at, int_lead_versions.created_at) <= lead_moments.as_of as is_known_at_as_of
    from int_lead_versions
    inner join lead_moments
        on int_lead_versions.lead_id = lead_moments.lead_id

),

versions_ranked as (

    select
        lead_id,
        raw_row_number,
        account_id,
        lead_source,
        has_email,
        has_phone,
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

    -- the summaries hold events up to each lead's moment only
    select
        int_lead_ids_mapped.lead_id,
        max(int_lead_activities_summarized.last_occurred_at) as last_activity_at
    from int_lead_activities_summarized
    inner join int_lead_ids_mapped
        on int_lead_activities_summarized.source_lead_id = int_lead_ids_mapped.source_lead_id
    group by int_lead_ids_mapped.lead_id

),

conversions as (

    -- an undated conversion counts at any as_of: outcome_at is what makes backtests exact
    select
        int_outcomes_deduplicated.lead_id,
        min(int_outcomes_deduplicated.outcome_at) as converted_at
    from int_outcomes_deduplicated
    inner join lead_moments
        on int_outcomes_deduplicated.lead_id = lead_moments.lead_id
    where
        int_outcomes_deduplicated.outcome in ({{ leadscore_conversion_outcome_list() }})
        and (int_outcomes_deduplicated.outcome_at is null or int_outcomes_deduplicated.outcome_at <= lead_moments.as_of)
    group by int_outcomes_deduplicated.lead_id

)

select
    int_leads_deduplicated.lead_id,
    current_versions.raw_row_number as version_row_number,
    int_leads_deduplicated.created_at,
    current_versions.account_id,
    current_versions.lead_source,
    current_versions.has_email or current_versions.has_phone as has_contact,
    current_versions.has_email,
    current_versions.has_phone,
    coalesce(int_leads_deduplicated.do_not_email, false) as has_opted_out_of_email,
    coalesce(int_leads_deduplicated.do_not_call, false) as has_opted_out_of_calls,
    last_activities.last_activity_at,
    conversions.converted_at,
    conversions.lead_id is not null as is_customer,
    lead_moments.as_of
from int_leads_deduplicated
inner join lead_moments
    on int_leads_deduplicated.lead_id = lead_moments.lead_id
inner join current_versions
    on int_leads_deduplicated.lead_id = current_versions.lead_id
left join last_activities
    on int_leads_deduplicated.lead_id = last_activities.lead_id
left join conversions
    on int_leads_deduplicated.lead_id = conversions.lead_id
