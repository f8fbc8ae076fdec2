-- The activities input with the parsed time, the cleaned type code, and the lead_id
-- again when the leads input has that lead (null: an activity of no known lead).
with known_leads as (
    select distinct lead_id from staging.stg_leads where lead_id is not null
)

select
    base.* exclude (raw_record, activity_id, url, campaign, channel),
    staged.occurred_at as occurred_at_parsed,
    staged.activity_type as activity_type_code,
    known_leads.lead_id as known_lead_id
from staging.base_activities as base
-- inner: the rows of erased leads (README "Erasure") are not staged, and not checked
inner join staging.stg_activities as staged
    on base.raw_row_number = staged.raw_row_number
left join known_leads
    on staged.lead_id = known_leads.lead_id
