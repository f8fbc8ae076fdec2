{#- A pre-hook of the models whose joins Postgres misjudges: it estimates a join of CTEs
    (a handful of rules with a million events, then the leads) at one row and plans nested
    loops that compare every event with every lead (int_event_rules_counted: 434 s at S
    instead of 6); it takes the event store's few quarantined rows for millions and sorts
    every judged row to merge them in (int_activities_triaged: 93 s at S instead of 66).
    Within the model's transaction only (`set local`), Postgres then joins by hashing, as
    DuckDB and Spark always do for these equi-joins. -#}
{% macro leadscore_prefer_hash_joins() -%}
    {{ return(adapter.dispatch('leadscore_prefer_hash_joins', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_prefer_hash_joins() -%}
{%- endmacro %}

{% macro postgres__leadscore_prefer_hash_joins() -%}
    set local enable_nestloop = off; set local enable_mergejoin = off
{%- endmacro %}
