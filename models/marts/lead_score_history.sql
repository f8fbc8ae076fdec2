{#- One row per lead per scoring date. Incremental: each run adds the rows of its as_of
    date and a re-run of a date replaces exactly that date's rows (delete+insert on
    score_date). `make backfill` fills a range of past dates. The rows of erased leads are deleted
    from every date (docs/personal-data.md "Erasure"). -#}
{{ config(
    materialized='incremental',
    unique_key='score_date',
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
    post_hook="{{ leadscore_delete_erased_rows('lead_id') }}"
) }}
-- depends_on: {{ ref('stg_erasure_requests') }}

with lead_scores as (

    -- the scores themselves, not the lead_scores mart: that one compares with this history
    select * from {{ ref('int_leads_scored') }}

),

int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

lead_score_reasons as (

    select * from {{ ref('lead_score_reasons') }}

),

rule_hits as (

    -- the main model's rules that gave the lead points: rule_performance measures a past
    -- date by them once its conversion horizon is complete
    select
        lead_id,
        {{ leadscore_sorted_text_agg('rule_id', "'|'") }} as rule_ids
    from lead_score_reasons
    where
        model = 'lead'
        and points != 0
    group by lead_id

)

select
    lead_scores.lead_id,
    cast({{ leadscore_as_of() }} as date) as score_date,
    lead_scores.as_of,
    lead_scores.segment,
    lead_scores.fit_score,
    lead_scores.engagement_score,
    lead_scores.negative_score,
    lead_scores.total_score,
    lead_scores.fit_grade,
    lead_scores.engagement_tier,
    lead_scores.priority,
    lead_scores.lifecycle_stage,
    lead_scores.temperature,
    lead_scores.score_percentile,
    lead_scores.rules_version,
    -- the channel then: score_performance groups a date's leads by what was known that day
    int_leads_as_of.lead_source,
    -- '' when no rule gave points; null on dates scored before the column existed
    coalesce(rule_hits.rule_ids, '') as rule_ids
from lead_scores
left join int_leads_as_of
    on lead_scores.lead_id = int_leads_as_of.lead_id
left join rule_hits
    on lead_scores.lead_id = rule_hits.lead_id
