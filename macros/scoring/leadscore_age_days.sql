{#- Fractional days from `earlier` to `later` (docs/CONTRACT.md: age_days = (as_of - occurred_at)
    in fractional days), exact to the microsecond. -#}
{% macro leadscore_age_days(later, earlier) -%}
    {{ return(adapter.dispatch('leadscore_age_days', 'leadscore')(later, earlier)) }}
{%- endmacro %}

{% macro default__leadscore_age_days(later, earlier) -%}
    (extract(epoch from ({{ later }} - {{ earlier }})) / 86400.0)
{%- endmacro %}

{% macro duckdb__leadscore_age_days(later, earlier) -%}
    (cast(date_diff('microsecond', {{ earlier }}, {{ later }}) as double) / 86400000000.0)
{%- endmacro %}

{% macro spark__leadscore_age_days(later, earlier) -%}
    (cast(unix_micros({{ later }}) - unix_micros({{ earlier }}) as double) / 86400000000.0)
{%- endmacro %}
