-- The columns of the sales feedback input as read (normalised names): whether the input has
-- a column. No row is read.
select *
from staging.base_sales_feedback
where 1 = 0
