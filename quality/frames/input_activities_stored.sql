-- Every activity row judged so far, this run's included: the size of the input.
select raw_row_number
from intermediate.int_activities_triaged
