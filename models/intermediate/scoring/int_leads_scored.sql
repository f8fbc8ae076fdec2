{#- One row per lead as of the scoring time: the three dimension scores of the main
    model (`lead`) with the manual adjustments, grades from grade_bands, priority, lifecycle
    stage (disqualified by the latest sales rating), temperature, percentile and the top
    reasons in plain words. What lead_score_history keeps per date; lead_scores adds what
    compares with that history (momentum, the dates a stage was first reached). -#}
with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_leads_segmented as (

    select * from {{ ref('int_leads_segmented') }}

),

int_lead_dimensions_limited as (

    select * from {{ ref('int_lead_dimensions_limited') }}

),

int_grade_bands_resolved as (

    select * from {{ ref('int_grade_bands_resolved') }}

),

int_rule_points_unioned as (

    select * from {{ ref('int_rule_points_unioned') }}

),

int_lead_activities_summarized as (

    select * from {{ ref('int_lead_activities_summarized') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

int_rules_versioned as (

    select * from {{ ref('int_rules_versioned') }}

),

int_score_adjustments_applied as (

    select * from {{ ref('int_score_adjustments_applied') }}

),

int_sales_feedback_deduplicated as (

    select * from {{ ref('int_sales_feedback_deduplicated') }}

),

int_leads_timed as (

    select * from {{ ref('int_leads_timed') }}

),

-- the limited scores, and the manual adjustments' contributions on top
dimension_points as (

    select
        lead_id,
        dimension,
        score as points
    from int_lead_dimensions_limited
    union all
    select
        lead_id,
        dimension,
        points
    from int_score_adjustments_applied

),

scores as (

    select
        lead_id,
        {%- set places = var('leadscore_score_decimal_places') | int %}
        {{ leadscore_round("sum(case when dimension = 'fit' then points else 0 end)", places) }} as fit_score,
        {{ leadscore_round("sum(case when dimension = 'engagement' then points else 0 end)", places) }}
            as engagement_score,
        {{ leadscore_round("sum(case when dimension = 'negative' then points else 0 end)", places) }}
            as negative_score
    from dimension_points
    group by lead_id

),

-- the latest sales rating up to the lead's moment (ties: the row delivered last)
ranked_feedback as (

    select
        int_sales_feedback_deduplicated.lead_id,
        int_sales_feedback_deduplicated.rating,
        int_sales_feedback_deduplicated.feedback_at,
        row_number() over (
            partition by int_sales_feedback_deduplicated.lead_id
            order by
                int_sales_feedback_deduplicated.feedback_at desc,
                int_sales_feedback_deduplicated.raw_row_number desc
        ) as feedback_rank
    from int_sales_feedback_deduplicated
    inner join int_leads_timed
        on int_sales_feedback_deduplicated.lead_id = int_leads_timed.lead_id
    where int_sales_feedback_deduplicated.feedback_at <= int_leads_timed.as_of

),

latest_feedback as (

    select
        lead_id,
        rating,
        feedback_at,
        {{ leadscore_in_list('rating', var('leadscore_disqualifying_ratings')) }} as is_disqualified
    from ranked_feedback
    where feedback_rank = 1

),

scored_leads as (

    select
        int_leads_as_of.lead_id,
        int_leads_segmented.segment_id,
        coalesce(scores.fit_score, 0) as fit_score,
        coalesce(scores.engagement_score, 0) as engagement_score,
        coalesce(scores.negative_score, 0) as negative_score,
        coalesce(scores.fit_score, 0) + coalesce(scores.engagement_score, 0)
        + coalesce(scores.negative_score, 0) as total_score,
        int_leads_as_of.has_contact,
        -- consent: routing may e-mail or call a lead only with an address and no opt-out
        coalesce(int_leads_as_of.has_email and not int_leads_as_of.has_opted_out_of_email, false) as can_email,
        coalesce(int_leads_as_of.has_phone and not int_leads_as_of.has_opted_out_of_calls, false) as can_call,
        int_leads_as_of.is_customer,
        int_leads_as_of.last_activity_at,
        int_leads_as_of.as_of
    from int_leads_as_of
    inner join int_leads_segmented
        on int_leads_as_of.lead_id = int_leads_segmented.lead_id
    left join scores
        on int_leads_as_of.lead_id = scores.lead_id

),

lead_scale_scores as (

    select
        lead_id,
        segment_id,
        'fit_grade' as scale,
        fit_score as score
    from scored_leads
    union all
    select
        lead_id,
        segment_id,
        'engagement_tier' as scale,
        engagement_score as score
    from scored_leads
    union all
    select
        lead_id,
        segment_id,
        'lifecycle' as scale,
        total_score as score
    from scored_leads

),

-- the band with the highest min_score the score reaches (none reached: no label)
banded as (

    select
        lead_scale_scores.lead_id,
        lead_scale_scores.scale,
        int_grade_bands_resolved.label,
        row_number() over (
            partition by lead_scale_scores.lead_id, lead_scale_scores.scale
            order by int_grade_bands_resolved.min_score desc, int_grade_bands_resolved.label asc
        ) as band_rank
    from lead_scale_scores
    inner join int_grade_bands_resolved
        on
            lead_scale_scores.segment_id = int_grade_bands_resolved.segment_id
            and lead_scale_scores.scale = int_grade_bands_resolved.scale
    where lead_scale_scores.score >= int_grade_bands_resolved.min_score

),

grades as (

    select
        lead_id,
        max(case when scale = 'fit_grade' then label end) as fit_grade,
        max(case when scale = 'engagement_tier' then label end) as engagement_tier,
        max(case when scale = 'lifecycle' then label end) as lifecycle_band
    from banded
    where band_rank = 1
    group by lead_id

),

hand_raisers as (

    -- the summaries hold events up to each lead's moment only
    select distinct int_lead_ids_mapped.lead_id
    from int_lead_activities_summarized
    inner join int_lead_ids_mapped
        on int_lead_activities_summarized.source_lead_id = int_lead_ids_mapped.source_lead_id
    inner join int_leads_segmented
        on int_lead_ids_mapped.lead_id = int_leads_segmented.lead_id
    inner join int_grade_bands_resolved
        on
            int_leads_segmented.segment_id = int_grade_bands_resolved.segment_id
            and int_lead_activities_summarized.activity_type = int_grade_bands_resolved.label
    where int_grade_bands_resolved.scale = 'hand_raiser'

),

lead_reasons as (

    select
        lead_id,
        rule_id,
        points,
        description
    from int_rule_points_unioned
    where model = 'lead'
    union all
    -- a manual adjustment reads as its reason
    select
        lead_id,
        'adjustment:' || adjustment_id as rule_id,
        points,
        coalesce(reason, 'Manual score adjustment') as description
    from int_score_adjustments_applied

),

top_reasons as (

    {{ leadscore_top_reasons('lead_reasons') }}

)

select
    scored_leads.lead_id,
    scored_leads.segment_id as segment,
    cast(scored_leads.fit_score as {{ leadscore_type_double() }}) as fit_score,
    cast(scored_leads.engagement_score as {{ leadscore_type_double() }}) as engagement_score,
    cast(scored_leads.negative_score as {{ leadscore_type_double() }}) as negative_score,
    cast(scored_leads.total_score as {{ leadscore_type_double() }}) as total_score,
    grades.fit_grade,
    grades.engagement_tier,
    grades.fit_grade || grades.engagement_tier as priority,
    case
        when scored_leads.is_customer then 'customer'
        when latest_feedback.is_disqualified then 'disqualified'
        when not scored_leads.has_contact then 'prospect'
        when hand_raisers.lead_id is not null or grades.lifecycle_band = 'sql' then 'sql'
        when grades.lifecycle_band = 'mql' then 'mql'
        else 'lead'
    end as lifecycle_stage,
    case
        when scored_leads.last_activity_at is null then 'cold'
        when {{ leadscore_age_days('scored_leads.as_of', 'scored_leads.last_activity_at') }}
            <= {{ var('leadscore_temperature_hot_days') }} then 'hot'
        when {{ leadscore_age_days('scored_leads.as_of', 'scored_leads.last_activity_at') }}
            <= {{ var('leadscore_temperature_warm_days') }} then 'warm'
        else 'cold'
    end as temperature,
    cast(percent_rank() over (order by scored_leads.total_score) as {{ leadscore_type_double() }}) as score_percentile,
    top_reasons.top_reasons,
    scored_leads.last_activity_at,
    scored_leads.as_of,
    int_rules_versioned.rules_version,
    scored_leads.can_email,
    scored_leads.can_call,
    latest_feedback.rating as sales_rating,
    latest_feedback.feedback_at as sales_rated_at
from scored_leads
left join grades
    on scored_leads.lead_id = grades.lead_id
left join hand_raisers
    on scored_leads.lead_id = hand_raisers.lead_id
left join latest_feedback
    on scored_leads.lead_id = latest_feedback.lead_id
left join top_reasons
    on scored_leads.lead_id = top_reasons.lead_id
cross join int_rules_versioned
