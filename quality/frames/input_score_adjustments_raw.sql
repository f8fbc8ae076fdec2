-- The columns of the score adjustments input as read (normalised names): whether the input
-- has a column. No row is read.
select *
from staging.base_score_adjustments
where 1 = 0
