-- The leads as staged and judged this run (leads are read whole every run): the key and
-- the parsed creation time of each raw row.
select
    raw_row_number,
    lead_id,
    created_at as created_at_parsed
from intermediate.int_leads_triaged
