{#- How each rule of the main model predicts conversion. It measures one scoring date:
    the latest in lead_score_history whose horizon (var leadscore_performance_horizon_days)
    is complete at this build's as_of and whose rule hits are recorded (its rule_ids);
    without one, this build's own scores (a backtest build, calibration). For the leads
    scored then (not yet customers) and their conversions in the horizon: the leads the
    rule gave points to, their conversion rate against the other leads', lift, weight of
    evidence, information value, a suggested points value (the log odds ratio of
    converting, hit against not hit, in scorecard points: var leadscore_points_to_double_odds
    points per doubling of the odds), and a flag where the current points' sign disagrees
    with the data. Counts get +0.5 so that an empty cell stays finite. A rule is judged when
    it hits at least leadscore_rule_min_support_leads leads and, at the overall conversion
    rate, would expect at least leadscore_rule_min_support_conversions conversions among them. -#}
{%- set horizon_days = var('leadscore_performance_horizon_days') | int %}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

lead_scores as (

    select * from {{ ref('lead_scores') }}

),

lead_score_reasons as (

    select * from {{ ref('lead_score_reasons') }}

),

lead_score_history as (

    select * from {{ ref('lead_score_history') }}

),

int_label_events as (

    select * from {{ ref('int_label_events') }}

),

judged_date as (

    -- one row: the date measured, or null for this build's scores
    select max(score_date) as score_date
    from lead_score_history
    where
        rule_ids is not null
        and {{ dbt.dateadd('day', horizon_days, 'as_of') }} <= {{ leadscore_as_of() }}

),

judged_history as (

    select
        lead_score_history.lead_id,
        lead_score_history.as_of,
        lead_score_history.lifecycle_stage,
        lead_score_history.rule_ids
    from lead_score_history
    inner join judged_date
        on lead_score_history.score_date = judged_date.score_date

),

open_leads as (

    select
        lead_id,
        as_of
    from judged_history
    where lifecycle_stage != 'customer'

    union all

    select
        lead_scores.lead_id,
        lead_scores.as_of
    from lead_scores
    cross join judged_date
    where
        judged_date.score_date is null
        and lead_scores.lifecycle_stage != 'customer'

),

history_hits as (

    {{ leadscore_split_to_rows('judged_history', 'lead_id', 'rule_ids') }}

),

lead_hits as (

    select
        lead_id,
        listed_value as rule_id
    from history_hits
    where listed_value != ''

    union all

    select
        lead_score_reasons.lead_id,
        lead_score_reasons.rule_id
    from lead_score_reasons
    cross join judged_date
    where
        judged_date.score_date is null
        and lead_score_reasons.model = 'lead'
        and lead_score_reasons.points != 0

),

converted_moments as (

    {{ leadscore_converted_within_horizon('open_leads', 'int_label_events') }}

),

labels as (

    select
        open_leads.lead_id,
        open_leads.as_of,
        case when converted_moments.lead_id is null then 0 else 1 end as has_converted
    from open_leads
    left join converted_moments
        on
            open_leads.lead_id = converted_moments.lead_id
            and open_leads.as_of = converted_moments.as_of

),

totals as (

    select
        count(*) as lead_count,
        cast(coalesce(sum(has_converted), 0) as {{ dbt.type_bigint() }}) as conversion_count,
        max(as_of) as as_of
    from labels

),

hits as (

    select
        lead_hits.rule_id,
        count(*) as leads_hit,
        cast(sum(labels.has_converted) as {{ dbt.type_bigint() }}) as conversions_hit
    from lead_hits
    inner join labels
        on lead_hits.lead_id = labels.lead_id
    group by lead_hits.rule_id

),

counted as (

    select
        stg_scoring_rules.rule_id,
        stg_scoring_rules.dimension,
        stg_scoring_rules.points,
        coalesce(hits.leads_hit, 0) as leads_hit,
        coalesce(hits.conversions_hit, 0) as conversions_hit,
        totals.lead_count,
        totals.conversion_count,
        totals.as_of
    from stg_scoring_rules
    cross join totals
    left join hits
        on stg_scoring_rules.rule_id = hits.rule_id
    where stg_scoring_rules.model = 'lead'

),

shares as (

    -- the rule's share of all conversions and of all non-conversions, hit and not hit
    select
        *,
        (cast(conversions_hit as {{ leadscore_type_double() }}) + 0.5)
        / (cast(conversion_count as {{ leadscore_type_double() }}) + 1.0) as converted_share_hit,
        (cast(leads_hit - conversions_hit as {{ leadscore_type_double() }}) + 0.5)
        / (cast(lead_count - conversion_count as {{ leadscore_type_double() }}) + 1.0) as open_share_hit,
        (cast(conversion_count - conversions_hit as {{ leadscore_type_double() }}) + 0.5)
        / (cast(conversion_count as {{ leadscore_type_double() }}) + 1.0) as converted_share_not_hit,
        (cast(lead_count - leads_hit - conversion_count + conversions_hit as {{ leadscore_type_double() }}) + 0.5)
        / (cast(lead_count - conversion_count as {{ leadscore_type_double() }}) + 1.0) as open_share_not_hit,
        -- judged when the rule hits enough leads to expect enough conversions at the overall
        -- rate: a rule whose leads never convert is judged too (it may be the worst conflict)
        leads_hit >= {{ var('leadscore_rule_min_support_leads') | int }}
        and leads_hit * cast(conversion_count as {{ leadscore_type_double() }}) / nullif(lead_count, 0)
        >= {{ var('leadscore_rule_min_support_conversions') | float }} as is_supported
    from counted

),

weighed as (

    select
        *,
        ln(converted_share_hit / open_share_hit) as weight_of_evidence,
        -- log odds ratio of converting, hit against not hit
        ln(converted_share_hit / open_share_hit) - ln(converted_share_not_hit / open_share_not_hit) as log_odds_ratio,
        (converted_share_hit - open_share_hit) * ln(converted_share_hit / open_share_hit)
        + (converted_share_not_hit - open_share_not_hit)
        * ln(converted_share_not_hit / open_share_not_hit) as information_value
    from shares

)

select
    rule_id,
    dimension,
    points,
    leads_hit,
    conversions_hit,
    case
        when leads_hit > 0 then cast(conversions_hit as {{ leadscore_type_double() }}) / leads_hit
    end as conversion_rate_hit,
    case
        when lead_count > leads_hit
            then cast(conversion_count - conversions_hit as {{ leadscore_type_double() }}) / (lead_count - leads_hit)
    end as conversion_rate_not_hit,
    case
        when leads_hit > 0 and conversion_count > 0
            then cast(conversions_hit as {{ leadscore_type_double() }}) / leads_hit
                / (cast(conversion_count as {{ leadscore_type_double() }}) / lead_count)
    end as lift,
    weight_of_evidence,
    information_value,
    case
        when is_supported
            then round(log_odds_ratio * {{ var('leadscore_points_to_double_odds') | int }} / ln(2))
    end as suggested_points,
    is_supported,
    case when is_supported then points * weight_of_evidence < 0 end as has_sign_conflict,
    as_of,
    cast({{ horizon_days }} as {{ dbt.type_bigint() }}) as horizon_days
from weighed
