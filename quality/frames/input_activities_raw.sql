-- The columns of the activities input as read (normalised names): whether the input has a
-- column. No row is read.
select *
from staging.base_activities
where 1 = 0
