{#- SQL listing files with their size in bytes and modification time (UTC, as text), read
    from the file system without reading the files. -#}
{% macro leadscore_delivery_files_metadata(paths) -%}
    {{ return(adapter.dispatch('leadscore_delivery_files_metadata', 'leadscore')(paths)) }}
{%- endmacro %}

{% macro default__leadscore_delivery_files_metadata(paths) -%}
    {{ exceptions.raise_compiler_error("leadscore: folders of deliveries are read on the duckdb target only") }}
{%- endmacro %}

{% macro duckdb__leadscore_delivery_files_metadata(paths) -%}
    {%- set quoted = [] -%}
    {%- for path in paths -%}
        {%- do quoted.append(leadscore_string_literal(path)) -%}
    {%- endfor -%}
    select
        filename as delivery_file,
        size as file_bytes,
        cast(timezone('UTC', last_modified) as {{ dbt.type_string() }}) as file_modified_at
    from read_blob([{{ quoted | join(', ') }}])
{%- endmacro %}
