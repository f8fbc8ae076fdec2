-- Give every lead a contiguous block [start_e, end_e) of global event numbers.
--
-- The block length is proportional to the lead's integer weight, allocated with integer
-- cumulative sums so the total is exactly $event_count and the split does not depend on
-- float summation order.  Parameters: $event_count (0 when every weight is 0) and
-- $total_weight (at least 1).
create table activity_plan as
select
    *,
    ($event_count::hugeint * (cum_weight - weight)) // $total_weight::hugeint as start_e,
    ($event_count::hugeint * cum_weight) // $total_weight::hugeint as end_e
from (
    select
        *,
        sum(weight) over (order by lead_idx rows between unbounded preceding
                          and current row) as cum_weight
    from activity_weight
);
