{#- Sales feedback typed and cleaned, one row per raw row (docs/input-data.md "sales_feedback").
    The rating is compared as a code with the var leadscore_feedback_ratings (code-normalised
    the same way, so "Good Fit" in the var or the input is good_fit). -#}
{{ leadscore_require_input_columns('sales_feedback') }}
{%- set ratings = [] -%}
{%- for rating in var('leadscore_feedback_ratings') -%}
    {%- do ratings.append(modules.re.sub('[^a-z0-9]+', '_', rating | string | lower).strip('_')) -%}
{%- endfor %}

with base_sales_feedback as (

    select * from {{ ref('base_sales_feedback') }}

),

stg_erasure_requests as (

    select * from {{ ref('stg_erasure_requests') }}

),

-- an erased lead's rows end here: nothing downstream sees them (docs/personal-data.md "Erasure")
not_erased as (

    select *
    from base_sales_feedback
    where not {{ leadscore_is_erased('base_sales_feedback.lead_id', 'stg_erasure_requests') }}

),

cleaned as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_clean_text('feedback_at') }} as feedback_at_text,
        {{ leadscore_clean_text('rating') }} as rating_text,
        {{ leadscore_clean_text('reason') }} as reason,
        {{ leadscore_clean_text('author_id') }} as author_id
    from not_erased

),

typed as (

    select
        *,
        {{ leadscore_parse_timestamp('feedback_at_text') }} as feedback_at,
        {{ leadscore_clean_code('rating_text') }} as rating
    from cleaned

)

select
    raw_row_number,
    raw_record,
    lead_id,
    feedback_at,
    rating,
    reason,
    author_id,
    case
        when lead_id is null or rating is null then 'missing_key'
        when feedback_at is null then 'unparseable_timestamp'
        when feedback_at > {{ leadscore_future_cutoff() }} then 'future_timestamp'
        when not {{ leadscore_in_list('rating', ratings) }} then 'unknown_rating'
    end as invalid_reason,
    case
        when lead_id is null then 'lead_id is empty'
        when rating is null then 'rating is empty'
        when feedback_at_text is null then 'feedback_at is empty'
        when feedback_at is null then 'feedback_at is not a timestamp'
        when feedback_at > {{ leadscore_future_cutoff() }} then 'feedback_at is in the future'
        when not {{ leadscore_in_list('rating', ratings) }}
            then 'rating ' || rating || ' is not one of the var leadscore_feedback_ratings'
    end as invalid_detail
from typed
