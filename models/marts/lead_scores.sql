{#- One row per lead as of the scoring time: the scores of int_leads_scored, with what
    compares them with lead_score_history (which already holds this date's rows):
    - score_change_7d / _30d: total_score minus the lead's total_score on the scoring date
      7 (30) days before as_of, when that date was scored with the same rules (same
      rules_version); a lead with no row then (created later) compares with 0; null when
      the history has no scoring of that date with these rules;
    - is_newly_hot: hot now, and not hot on the date 7 days before (same condition);
    - became_mql_at / became_sql_at: the first scoring in the history, up to this date, at
      which the lead held that stage or a later one (mql < sql < customer);
    and the lead's job seniority and function, and its primary interest: the model other
    than `lead` that scores it highest (ties: the first name; null when none is above 0). -#}
with int_leads_scored as (

    select * from {{ ref('int_leads_scored') }}

),

lead_score_history as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: each use reads only the dates it filters for
    select * from {{ ref('lead_score_history') }}

),

lead_model_scores as (

    select * from {{ ref('lead_model_scores') }}

),

int_leads_titled as (

    select * from {{ ref('int_leads_titled') }}

),

int_rules_versioned as (

    select * from {{ ref('int_rules_versioned') }}

),

momentum_dates as (

    select
        7 as days_back,
        cast({{ dbt.dateadd('day', -7, leadscore_as_of()) }} as date) as score_date
    union all
    select
        30 as days_back,
        cast({{ dbt.dateadd('day', -30, leadscore_as_of()) }} as date) as score_date

),

-- the momentum dates the history holds as scored with this run's rules
comparable_dates as (

    select
        momentum_dates.days_back,
        momentum_dates.score_date
    from momentum_dates
    where
        exists (
            select 1
            from lead_score_history
            inner join int_rules_versioned
                on lead_score_history.rules_version = int_rules_versioned.rules_version
            where lead_score_history.score_date = momentum_dates.score_date
        )

),

past_scores as (

    select
        comparable_dates.days_back,
        lead_score_history.lead_id,
        lead_score_history.total_score,
        lead_score_history.temperature
    from lead_score_history
    inner join comparable_dates
        on lead_score_history.score_date = comparable_dates.score_date

),

momentum as (

    select
        int_leads_scored.lead_id,
        max(case when comparable_dates.days_back = 7 then 1 else 0 end) = 1 as has_7d,
        max(case when comparable_dates.days_back = 30 then 1 else 0 end) = 1 as has_30d,
        max(case when past_scores.days_back = 7 then past_scores.total_score end) as total_score_7d,
        max(case when past_scores.days_back = 30 then past_scores.total_score end) as total_score_30d,
        max(case when past_scores.days_back = 7 and past_scores.temperature = 'hot' then 1 else 0 end) = 1
            as was_hot_7d
    from int_leads_scored
    cross join comparable_dates
    left join past_scores
        on
            int_leads_scored.lead_id = past_scores.lead_id
            and comparable_dates.days_back = past_scores.days_back
    group by int_leads_scored.lead_id

),

stage_reached as (

    select
        lead_id,
        min(case when lifecycle_stage in ('mql', 'sql', 'customer') then as_of end) as became_mql_at,
        min(case when lifecycle_stage in ('sql', 'customer') then as_of end) as became_sql_at
    from lead_score_history
    where
        score_date <= cast({{ leadscore_as_of() }} as date)
        and lifecycle_stage in ('mql', 'sql', 'customer')
    group by lead_id

),

ranked_interests as (

    select
        lead_id,
        model,
        row_number() over (partition by lead_id order by score desc, model asc) as interest_rank
    from lead_model_scores
    where score > 0

),

primary_interests as (

    select
        lead_id,
        model as primary_interest
    from ranked_interests
    where interest_rank = 1

)

select
    int_leads_scored.lead_id,
    int_leads_scored.segment,
    int_leads_scored.fit_score,
    int_leads_scored.engagement_score,
    int_leads_scored.negative_score,
    int_leads_scored.total_score,
    int_leads_scored.fit_grade,
    int_leads_scored.engagement_tier,
    int_leads_scored.priority,
    int_leads_scored.lifecycle_stage,
    int_leads_scored.temperature,
    int_leads_scored.score_percentile,
    int_leads_scored.top_reasons,
    int_leads_scored.last_activity_at,
    int_leads_scored.as_of,
    int_leads_scored.rules_version,
    int_leads_scored.can_email,
    int_leads_scored.can_call,
    int_leads_scored.sales_rating,
    int_leads_scored.sales_rated_at,
    cast(
        case
            when momentum.has_7d then int_leads_scored.total_score - coalesce(momentum.total_score_7d, 0)
        end as {{ leadscore_type_double() }}
    ) as score_change_7d,
    cast(
        case
            when momentum.has_30d then int_leads_scored.total_score - coalesce(momentum.total_score_30d, 0)
        end as {{ leadscore_type_double() }}
    ) as score_change_30d,
    case
        when momentum.has_7d then int_leads_scored.temperature = 'hot' and not momentum.was_hot_7d
    end as is_newly_hot,
    stage_reached.became_mql_at,
    stage_reached.became_sql_at,
    coalesce(int_leads_titled.job_seniority, 'unknown') as job_seniority,
    coalesce(int_leads_titled.job_function, 'unknown') as job_function,
    primary_interests.primary_interest
from int_leads_scored
left join momentum
    on int_leads_scored.lead_id = momentum.lead_id
left join stage_reached
    on int_leads_scored.lead_id = stage_reached.lead_id
left join int_leads_titled
    on int_leads_scored.lead_id = int_leads_titled.lead_id
left join primary_interests
    on int_leads_scored.lead_id = primary_interests.lead_id
