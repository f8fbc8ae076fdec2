{#- True when a path names a file the input can be read from: CSV (.csv, .tsv, .txt,
    .csv.gz) or Parquet. -#}
{% macro leadscore_is_readable_file(path) -%}
    {%- set name = path.split('/')[-1] | lower -%}
    {{- return(name.endswith('.csv') or name.endswith('.tsv') or name.endswith('.txt')
        or name.endswith('.csv.gz') or name.endswith('.parquet')) -}}
{%- endmacro %}
