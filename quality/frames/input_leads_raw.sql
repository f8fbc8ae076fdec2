-- The columns of the leads input as read (normalised names): whether the input has a
-- column. No row is read.
select *
from staging.base_leads
where 1 = 0
