-- The columns of the accounts input as read (normalised names): whether the input has a
-- column. No row is read.
select *
from staging.base_accounts
where 1 = 0
