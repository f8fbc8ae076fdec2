-- The leads input as read (text under normalised names; a required column the input
-- lacks is absent, which expect_column_to_exist reports) with the staged values the
-- checks need: the parsed created_at and the e-mail as given when it was not valid.
select
    base.* exclude (raw_record),
    staged.created_at as created_at_parsed,
    case
        when staged.email is not null then staged.email
        when contains(coalesce(staged.data_quality_warnings, ''), 'invalid_email') then trim(base.email)
    end as email_text
from staging.base_leads as base
-- inner: the rows of erased leads (README "Erasure") are not staged, and not checked
inner join staging.stg_leads as staged
    on base.raw_row_number = staged.raw_row_number
