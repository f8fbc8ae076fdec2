{#- Every staged outcome row with its fate: row-level problems, then an unknown lead,
    then exact repeats (same surviving lead, outcome, time and amount: counted once). -#}
with stg_outcomes as (

    select * from {{ ref('stg_outcomes') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

mapped as (

    select
        stg_outcomes.*,
        int_lead_ids_mapped.lead_id as survivor_lead_id,
        {{ dbt.hash(dbt.concat([
            "coalesce(int_lead_ids_mapped.lead_id, '')", "'|'",
            "coalesce(stg_outcomes.outcome, '')", "'|'",
            "coalesce(cast(stg_outcomes.outcome_at as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(cast(stg_outcomes.amount as " ~ dbt.type_string() ~ "), '')"
        ])) }} as outcome_key
    from stg_outcomes
    left join int_lead_ids_mapped
        on stg_outcomes.lead_id = int_lead_ids_mapped.source_lead_id

),

ranked as (

    select
        *,
        -- repeats are counted among rows that passed the other checks only
        row_number() over (
            partition by outcome_key, invalid_reason is null and survivor_lead_id is not null
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
    outcome_key,
    lead_id as source_lead_id,
    survivor_lead_id as lead_id,
    outcome,
    outcome_at,
    amount,
    case
        when invalid_reason is not null then invalid_reason
        when survivor_lead_id is null then 'unknown_lead'
        when repeat_rank > 1 then 'duplicate'
    end as triage_reason,
    case
        when invalid_reason is not null then invalid_detail
        when survivor_lead_id is null then 'no valid lead with lead_id ' || lead_id
        when repeat_rank > 1 then 'exact repeat of an earlier outcome'
    end as triage_detail,
    data_quality_warnings
from ranked
