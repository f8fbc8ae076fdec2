{#- The leads that exist at as_of (created_at <= as_of), with what segments, populations
    and lifecycle stages need: contact, consent, last activity and conversion as of then.
    Activities and outcomes after as_of are ignored, so any past date re-scores exactly. -#}
with int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

),

int_activities_deduplicated as (

    select * from {{ ref('int_activities_deduplicated') }}

),

int_outcomes_deduplicated as (

    select * from {{ ref('int_outcomes_deduplicated') }}

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
    int_leads_deduplicated.created_at,
    int_leads_deduplicated.account_id,
    int_leads_deduplicated.lead_source,
    (
        int_leads_deduplicated.email is not null
        or int_leads_deduplicated.phone is not null
    ) as has_contact,
    coalesce(int_leads_deduplicated.do_not_email, false) as has_opted_out_of_email,
    coalesce(int_leads_deduplicated.do_not_call, false) as has_opted_out_of_calls,
    last_activities.last_activity_at,
    conversions.converted_at,
    conversions.lead_id is not null as is_customer,
    {{ leadscore_as_of() }} as as_of
from int_leads_deduplicated
left join last_activities
    on int_leads_deduplicated.lead_id = last_activities.lead_id
left join conversions
    on int_leads_deduplicated.lead_id = conversions.lead_id
where int_leads_deduplicated.created_at <= {{ leadscore_as_of() }}
