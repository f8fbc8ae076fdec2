{#- dbt-spark's dateadd goes through unix seconds (the microseconds are lost) and raises on
    a null; Spark's timestampadd keeps the timestamp exact, as DuckDB and Postgres do. -#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    timestampadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
