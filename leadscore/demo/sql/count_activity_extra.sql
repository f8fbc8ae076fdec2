-- Extra dirty activity rows (they widen the activity ids when there are very many events).
select count(*) from activity_extra;
