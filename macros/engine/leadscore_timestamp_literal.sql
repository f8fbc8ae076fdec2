{#- A timestamp read back from the warehouse as a SQL literal (null as null). -#}
{% macro leadscore_timestamp_literal(value) -%}
    {%- if value is none -%}
        {{ return('cast(null as ' ~ dbt.type_timestamp() ~ ')') }}
    {%- endif -%}
    {{ return('cast(' ~ leadscore_string_literal(value | string) ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
{%- endmacro %}
