{#- The types with a try-cast function on Postgres, by the function's suffix. -#}
{% macro leadscore_postgres_cast_functions() -%}
    {{ return({
        'timestamp': 'timestamp',
        'timestamptz': 'timestamptz',
        'double': 'double precision',
        'bigint': 'bigint',
        'integer': 'integer',
        'numeric': 'numeric',
        'boolean': 'boolean',
        'date': 'date'
    }) }}
{%- endmacro %}
