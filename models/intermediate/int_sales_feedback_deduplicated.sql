{#- The cleaned sales feedback, on surviving leads: one row per distinct feedback.
    raw_row_number is the delivery order (a later delivered row has a larger number). -#}
with int_sales_feedback_triaged as (

    select * from {{ ref('int_sales_feedback_triaged') }}

)

select
    feedback_key,
    lead_id,
    source_lead_id,
    feedback_at,
    rating,
    reason,
    author_id,
    raw_row_number
from int_sales_feedback_triaged
where triage_reason is null
