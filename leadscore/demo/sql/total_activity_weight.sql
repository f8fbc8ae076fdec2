-- The integer total the event numbers are split by.
select coalesce(sum(weight), 0) from activity_weight;
