{#- Every staged score adjustment row with its fate: row-level problems (missing_key,
    unparseable_timestamp, invalid_value, invalid_period), then an unknown lead, then a
    repeated adjustment_id: the first delivered row is kept, a later one is `duplicate`
    when its values are the same (surviving lead, times, mode, dimension, points, reason)
    and `conflicting_id` when they differ. -#}
with stg_score_adjustments as (

    select * from {{ ref('stg_score_adjustments') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

mapped as (

    select
        stg_score_adjustments.*,
        int_lead_ids_mapped.lead_id as survivor_lead_id,
        stg_score_adjustments.invalid_reason is null and int_lead_ids_mapped.lead_id is not null as is_countable,
        {{ dbt.hash(dbt.concat([
            "coalesce(int_lead_ids_mapped.lead_id, '')", "'|'",
            "coalesce(cast(stg_score_adjustments.effective_at as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(cast(stg_score_adjustments.expires_at as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(stg_score_adjustments.mode, '')", "'|'",
            "coalesce(stg_score_adjustments.dimension, '')", "'|'",
            "coalesce(cast(stg_score_adjustments.points as " ~ dbt.type_string() ~ "), '')", "'|'",
            "coalesce(stg_score_adjustments.reason, '')"
        ])) }} as value_hash
    from stg_score_adjustments
    left join int_lead_ids_mapped
        on stg_score_adjustments.lead_id = int_lead_ids_mapped.source_lead_id

),

ranked as (

    select
        *,
        -- repeats are counted among rows that passed the other checks only
        row_number() over (
            partition by adjustment_id, is_countable
            order by raw_row_number
        ) as repeat_rank,
        first_value(raw_row_number) over (
            partition by adjustment_id, is_countable
            order by raw_row_number
        ) as first_row_number,
        first_value(value_hash) over (
            partition by adjustment_id, is_countable
            order by raw_row_number
        ) as first_value_hash
    from mapped

)

select
    raw_row_number,
    case
        when not is_countable or repeat_rank > 1 then raw_record
    end as raw_record,
    adjustment_id,
    lead_id as source_lead_id,
    survivor_lead_id as lead_id,
    effective_at,
    expires_at,
    mode,
    dimension,
    points,
    reason,
    case
        when invalid_reason is not null then invalid_reason
        when survivor_lead_id is null then 'unknown_lead'
        when repeat_rank > 1 and value_hash = first_value_hash then 'duplicate'
        when repeat_rank > 1 then 'conflicting_id'
    end as triage_reason,
    case
        when invalid_reason is not null then invalid_detail
        when survivor_lead_id is null then 'no valid lead with lead_id ' || lead_id
        when repeat_rank > 1 and value_hash = first_value_hash
            then 'adjustment_id ' || adjustment_id || ' seen before: exact repeat of row '
                || cast(first_row_number as {{ dbt.type_string() }})
        when repeat_rank > 1
            then 'adjustment_id ' || adjustment_id || ' seen before with other values: row '
                || cast(first_row_number as {{ dbt.type_string() }}) || ' is kept'
    end as triage_detail
from ranked
