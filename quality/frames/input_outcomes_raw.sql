-- The columns of the outcomes input as read (normalised names): whether the input has a
-- column. No row is read.
select *
from staging.base_outcomes
where 1 = 0
