{#- Postgres has no try_cast: a bad value in an optional column must become null, not fail
    the build (docs/CONTRACT.md section 1), so casts to the types the cleaning parses go through
    the project's function for the type (leadscore_create_functions); casts to text and other
    types (dbt's unit-test fixtures use safe_cast too) cannot fail on text and stay plain. -#}
{% macro postgres__safe_cast(field, type) -%}
    {%- set normalized = type | lower | trim -%}
    {%- set suffix = {
        'timestamp': 'timestamp', 'timestamp without time zone': 'timestamp',
        'timestamptz': 'timestamptz', 'timestamp with time zone': 'timestamptz',
        'double precision': 'double', 'float8': 'double', 'float': 'double',
        'bigint': 'bigint', 'int8': 'bigint', 'integer': 'integer', 'int': 'integer', 'int4': 'integer',
        'numeric': 'numeric', 'boolean': 'boolean', 'bool': 'boolean', 'date': 'date'
    }.get(normalized) -%}
    {%- if suffix is none -%}
        cast({{ field }} as {{ type }})
    {%- else -%}
        {{ adapter.quote(target.schema) }}.leadscore_try_cast_{{ suffix }}(cast({{ field }} as text))
    {%- endif -%}
{%- endmacro %}
