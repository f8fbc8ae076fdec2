{#- What a state model decides its carry from, each as SQL: previous_as_of (the as_of its
    rows were made at), previous_judged_through (the newest judging time they saw) and
    is_carried (they hold now: as_of did not move back and the event store is the same one,
    by its first triaged_at). With the previous state a table (an incremental run), they are
    read once when the model compiles and written as constants, so that the scans of new
    events filter inside the scan and a branch a run does not need is not even planned;
    `carried` is then true or false. Otherwise (a unit test's fixture) they are subqueries
    over `previous_state` and `event_store`, and `carried` is none.
    `previous_state` has the column `as_of_column`, events_judged_through and
    events_first_judged_at; `event_store` (a relation or CTE) has first_judged_at, the
    oldest triaged_at of the stored events (`store`: the table they are read from). -#}
{% macro leadscore_state_carry(previous_state, event_store, as_of_column, store) -%}
    {%- if not leadscore_can_carry_state(is_incremental()) -%}
        {%- set null_time = 'cast(null as ' ~ dbt.type_timestamp() ~ ')' -%}
        {{ return({'previous_as_of': null_time, 'previous_judged_through': null_time, 'is_carried': 'false', 'carried': false}) }}
    {%- endif -%}
    {%- if this is not string and execute -%}
        {%- set found = run_query(
            "select max(" ~ as_of_column ~ "), max(events_judged_through), coalesce(max(" ~ as_of_column ~ ") <= "
            ~ leadscore_as_of() ~ " and max(events_first_judged_at) = (select min(triaged_at) from " ~ store
            ~ "), false) from " ~ this).rows[0] -%}
        {{ return({
            'previous_as_of': leadscore_timestamp_literal(found[0]),
            'previous_judged_through': leadscore_timestamp_literal(found[1]),
            'is_carried': 'true' if found[2] else 'false',
            'carried': true if found[2] else false
        }) }}
    {%- endif -%}
    {{ return({
        'previous_as_of': '(select max(' ~ previous_state ~ '.' ~ as_of_column ~ ') from ' ~ previous_state ~ ')',
        'previous_judged_through': '(select max(' ~ previous_state ~ '.events_judged_through) from ' ~ previous_state ~ ')',
        'is_carried': '(select coalesce(max(' ~ previous_state ~ '.' ~ as_of_column ~ ') <= ' ~ leadscore_as_of()
            ~ ' and max(' ~ previous_state ~ '.events_first_judged_at) = max(' ~ event_store ~ '.first_judged_at), false) from '
            ~ previous_state ~ ' cross join ' ~ event_store ~ ')',
        'carried': none
    }) }}
{%- endmacro %}
