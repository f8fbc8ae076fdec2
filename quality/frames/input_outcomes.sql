-- The outcomes input with the parsed time and the lead_id again when the leads input
-- has that lead (null: an outcome of no known lead).
with known_leads as (
    select distinct lead_id from staging.stg_leads where lead_id is not null
)

select
    base.* exclude (raw_record),
    staged.outcome_at as outcome_at_parsed,
    known_leads.lead_id as known_lead_id
from staging.base_outcomes as base
-- inner: the rows of erased leads (README "Erasure") are not staged, and not checked
inner join staging.stg_outcomes as staged
    on base.raw_row_number = staged.raw_row_number
left join known_leads
    on staged.lead_id = known_leads.lead_id
