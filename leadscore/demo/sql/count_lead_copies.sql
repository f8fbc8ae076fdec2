-- Same-person copies drawn (they get lead numbers after the originals).
select count(*) from lead_out where dirty_dup_person;
