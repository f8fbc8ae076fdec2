{#- Every staged sales feedback row with its fate: row-level problems (missing_key,
    unparseable_timestamp, future_timestamp, unknown_rating), then an unknown lead, then
    exact repeats (same surviving lead, time, rating, reason and author: the first delivered
    is kept). -#}
with stg_sales_feedback as (

    select * from {{ ref('stg_sales_feedback') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

mapped as (

    select
        stg_sales_feedback.*,
        int_lead_ids_mapped.lead_id as survivor_lead_id,
        {{ dbt.hash(dbt.concat([
            "coalesce(int_lead_ids_mapped.lead_id, '')", "'|'",
            "coalesce(cast(stg_sales_feedback.feedback_at as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(stg_sales_feedback.rating, '')", "'|'",
            "coalesce(stg_sales_feedback.reason, '')", "'|'",
            "coalesce(stg_sales_feedback.author_id, '')"
        ])) }} as feedback_key
    from stg_sales_feedback
    left join int_lead_ids_mapped
        on stg_sales_feedback.lead_id = int_lead_ids_mapped.source_lead_id

),

ranked as (

    select
        *,
        -- repeats are counted among rows that passed the other checks only
        row_number() over (
            partition by feedback_key, invalid_reason is null and survivor_lead_id is not null
            order by raw_row_number
        ) as repeat_rank
    from mapped

)

select
    raw_row_number,
    case
        when invalid_reason is not null or survivor_lead_id is null or repeat_rank > 1
            then raw_record
    end as raw_record,
    feedback_key,
    lead_id as source_lead_id,
    survivor_lead_id as lead_id,
    feedback_at,
    rating,
    reason,
    author_id,
    case
        when invalid_reason is not null then invalid_reason
        when survivor_lead_id is null then 'unknown_lead'
        when repeat_rank > 1 then 'duplicate'
    end as triage_reason,
    case
        when invalid_reason is not null then invalid_detail
        when survivor_lead_id is null then 'no valid lead with lead_id ' || lead_id
        when repeat_rank > 1 then 'exact repeat of an earlier feedback row'
    end as triage_detail
from ranked
