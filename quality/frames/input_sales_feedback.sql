-- The sales feedback as staged and judged this run: the key and the rating as cleaned, the
-- parsed time, and the lead it belongs to when the leads input has that lead (null: feedback
-- on no known lead).
select
    raw_row_number,
    source_lead_id as lead_id,
    rating,
    feedback_at as feedback_at_parsed,
    lead_id as known_lead_id
from intermediate.int_sales_feedback_triaged
