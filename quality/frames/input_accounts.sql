-- The accounts input as read.
select base.* exclude (raw_record)
from staging.base_accounts as base
