{#- True when a path names a Parquet file (by its extension, case-insensitively). -#}
{% macro leadscore_is_parquet(path) -%}
    {{- return((path | lower).endswith('.parquet')) -}}
{%- endmacro %}
