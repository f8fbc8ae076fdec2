{#- One row per lead per scoring date. Incremental: each run adds the rows of its as_of
    date and a re-run of a date replaces exactly that date's rows (delete+insert on
    score_date). `make backfill` fills a range of past dates. The rows of erased leads are deleted
    from every date (README "Erasure"). -#}
{{ config(
    materialized='incremental',
    unique_key='score_date',
    incremental_strategy='delete+insert',
    on_schema_change='append_new_columns',
    post_hook="{{ leadscore_delete_erased_rows('lead_id') }}"
) }}
-- depends_on: {{ ref('stg_erasure_requests') }}

with lead_scores as (

    select * from {{ ref('lead_scores') }}

)

select
    lead_id,
    cast({{ leadscore_as_of() }} as date) as score_date,
    as_of,
    segment,
    fit_score,
    engagement_score,
    negative_score,
    total_score,
    fit_grade,
    engagement_tier,
    priority,
    lifecycle_stage,
    temperature,
    score_percentile,
    rules_version
from lead_scores
