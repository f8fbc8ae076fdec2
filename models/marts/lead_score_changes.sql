{#- The CRM hand-off: the leads whose lifecycle stage, fit grade or priority differs from
    what they had on the previous scoring date in lead_score_history (a lead that had no row
    then counts as new), with the old and new values and the reasons. The main job exports
    it only after it published, and names the previous date with the var
    leadscore_changes_since: its last published run's date (none on the first run), not a date
    it scored only for the history (a backfill, the momentum moments). -#}
with lead_scores as (

    select * from {{ ref('lead_scores') }}

),

lead_score_history as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: each use reads only the dates it filters for, not the whole history
    select * from {{ ref('lead_score_history') }}

),

previous_run as (

    {%- set since = var('leadscore_changes_since', none) %}
    {%- if since is none %}
        -- the latest scoring date before this run's; null on the first run
        select max(score_date) as previous_score_date
        from lead_score_history
        where score_date < cast({{ leadscore_as_of() }} as date)
    {%- elif since | string | lower == 'none' %}
        -- nothing was handed off before: every lead is new
        select cast(null as date) as previous_score_date
    {%- else %}
        {%- if not modules.re.match('^\\d{4}-\\d{2}-\\d{2}$', since | string) %}
            {{ exceptions.raise_compiler_error("leadscore: changes_since '" ~ since ~ "' is not a date (YYYY-MM-DD) or none") }}
        {%- endif %}
        -- the date of the previous hand-off (the main job's last published run)
        select cast({{ leadscore_string_literal(since | string) }} as date) as previous_score_date
    {%- endif %}

),

previous_scores as (

    select
        lead_score_history.lead_id,
        lead_score_history.lifecycle_stage,
        lead_score_history.fit_grade,
        lead_score_history.priority,
        lead_score_history.total_score
    from lead_score_history
    inner join previous_run
        on lead_score_history.score_date = previous_run.previous_score_date

),

compared as (

    select
        lead_scores.lead_id,
        cast({{ leadscore_as_of() }} as date) as score_date,
        previous_run.previous_score_date,
        previous_scores.lead_id is null as is_new_lead,
        previous_scores.lifecycle_stage as previous_lifecycle_stage,
        lead_scores.lifecycle_stage,
        previous_scores.fit_grade as previous_fit_grade,
        lead_scores.fit_grade,
        previous_scores.priority as previous_priority,
        lead_scores.priority,
        previous_scores.total_score as previous_total_score,
        lead_scores.total_score,
        lead_scores.top_reasons,
        lead_scores.as_of,
        lead_scores.rules_version,
        lead_scores.can_email,
        lead_scores.can_call,
        lead_scores.score_change_7d,
        lead_scores.score_change_30d,
        lead_scores.is_newly_hot,
        lead_scores.became_mql_at,
        lead_scores.became_sql_at,
        -- a label may be null (a score below every band): null and a label differ
        previous_scores.lead_id is not null
        and coalesce(previous_scores.lifecycle_stage, '') != coalesce(lead_scores.lifecycle_stage, '')
            as has_stage_changed,
        previous_scores.lead_id is not null
        and coalesce(previous_scores.fit_grade, '') != coalesce(lead_scores.fit_grade, '')
            as has_grade_changed,
        previous_scores.lead_id is not null
        and coalesce(previous_scores.priority, '') != coalesce(lead_scores.priority, '')
            as has_priority_changed
    from lead_scores
    cross join previous_run
    left join previous_scores
        on lead_scores.lead_id = previous_scores.lead_id

)

select
    lead_id,
    score_date,
    previous_score_date,
    is_new_lead,
    has_stage_changed,
    has_grade_changed,
    has_priority_changed,
    previous_lifecycle_stage,
    lifecycle_stage,
    previous_fit_grade,
    fit_grade,
    previous_priority,
    priority,
    previous_total_score,
    total_score,
    -- e.g. "stage lead -> mql; priority B2 -> A2", or "new lead: mql, A1"
    case
        when is_new_lead
            then concat_ws('', 'new lead: ', lifecycle_stage, ', ', priority)
        else concat_ws(
                '; ',
                case
                    when has_stage_changed
                        then concat_ws('', 'stage ', previous_lifecycle_stage, ' -> ', lifecycle_stage)
                end,
                case
                    when has_grade_changed
                        then concat_ws('', 'grade ', previous_fit_grade, ' -> ', fit_grade)
                end,
                case
                    when has_priority_changed
                        then concat_ws('', 'priority ', previous_priority, ' -> ', priority)
                end
            )
    end as change_summary,
    top_reasons,
    as_of,
    rules_version,
    can_email,
    can_call,
    score_change_7d,
    score_change_30d,
    is_newly_hot,
    became_mql_at,
    became_sql_at
from compared
where is_new_lead or has_stage_changed or has_grade_changed or has_priority_changed
