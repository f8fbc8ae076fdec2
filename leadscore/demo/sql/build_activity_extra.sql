-- Extra dirty activity rows, numbered after the clean activity ids and keyed
-- row_key = e * 8 + variant: 2 unparseable occurred_at, 3 occurred_at in 2099,
-- 4 an unknown lead, 5 no lead_id.
create table activity_extra as
select *, $activities + row_number() over (order by row_key) as extra_number
from (
    select e * 8 + 2 as row_key, * from activity_clean
    where u(e, 'dirty-activity-bad-ts') < $dirty_activity_bad_ts
    union all
    select e * 8 + 3, * from activity_clean
    where u(e, 'dirty-activity-future-ts') < $dirty_activity_future_ts
    union all
    select e * 8 + 4, * from activity_clean
    where u(e, 'dirty-activity-unknown-lead') < $dirty_activity_unknown_lead
    union all
    select e * 8 + 5, * from activity_clean
    where u(e, 'dirty-activity-no-lead') < $dirty_activity_no_lead
);
