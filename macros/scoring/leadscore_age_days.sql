{#- Fractional days from `earlier` to `later` (docs/CONTRACT.md: age_days = (as_of - occurred_at)
    in fractional days), exact to the microsecond. -#}
{% macro leadscore_age_days(later, earlier) -%}
    {{ return(adapter.dispatch('leadscore_age_days', 'leadscore')(later, earlier)) }}
{%- endmacro %}

{% macro default__leadscore_age_days(later, earlier) -%}
    (extract(epoch from ({{ later }} - {{ earlier }})) / 86400.0)
{%- endmacro %}

{#- date_part, not extract: extract gives numeric on Postgres 14+, whose division took 1.2 s per
    4.4M events (each model that reads the events computes an age per event); date_part's
    double is within a microsecond for ages up to a century, and whole seconds stay exact
    (a window's edge of whole days compares exactly). -#}
{% macro postgres__leadscore_age_days(later, earlier) -%}
    (date_part('epoch', {{ later }} - {{ earlier }}) / 86400.0)
{%- endmacro %}

{% macro duckdb__leadscore_age_days(later, earlier) -%}
    (cast(date_diff('microsecond', {{ earlier }}, {{ later }}) as double) / 86400000000.0)
{%- endmacro %}

{% macro spark__leadscore_age_days(later, earlier) -%}
    (cast(unix_micros({{ later }}) - unix_micros({{ earlier }}) as double) / 86400000000.0)
{%- endmacro %}
