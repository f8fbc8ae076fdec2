-- The e-mail of each staged lead row as given (trimmed; placeholders are no e-mail), for
-- the check that most of them look like addresses.
select
    raw_row_number,
    email_text
from staging.stg_leads
where email_text is not null
