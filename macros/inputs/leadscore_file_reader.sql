{#- DuckDB's reader of some files. Parquet: as typed (every column is cast to text in the
    base model); with file_row_number the position of each row in its file and the file's
    name come along (numbering and delivery filters run inside the scan). CSV: every value
    as text, so one bad value can never fail the read; the header row and the delimiter are
    sniffed unless the vars leadscore_input_header / leadscore_input_delimiter force them; in the
    encoding of the var leadscore_input_encoding (utf-8 by default); parallel = false,
    because DuckDB's parallel CSV scanner stops on a quoted line break when rows may be
    short (null_padding), and CRM exports hold multi-line fields. -#}
{% macro leadscore_file_reader(paths, file_row_number=false) -%}
    {%- set quoted = [] -%}
    {%- for path in paths -%}
        {%- do quoted.append(leadscore_string_literal(path)) -%}
    {%- endfor -%}
    {%- set files = quoted[0] if quoted | length == 1 else '[' ~ quoted | join(', ') ~ ']' -%}
    {%- if leadscore_is_parquet(paths[0]) -%}
        {%- set options = [] -%}
        {%- if paths | length > 1 -%}
            {%- do options.append('union_by_name = true') -%}
        {%- endif -%}
        {%- if file_row_number -%}
            {%- do options.append('file_row_number = true') -%}
            {%- do options.append('filename = true') -%}
        {%- endif -%}
        {{- return("read_parquet(" ~ ([files] + options) | join(', ') ~ ")") -}}
    {%- endif -%}
    {%- set options = ["all_varchar = true", "null_padding = true", "auto_detect = true", "parallel = false"] -%}
    {%- if var('leadscore_input_header', none) is not none -%}
        {%- do options.append("header = " ~ ('true' if var('leadscore_input_header') else 'false')) -%}
    {%- endif -%}
    {%- set encoding = (var('leadscore_input_encoding', 'utf-8') or 'utf-8') | lower | replace('_', '-') -%}
    {%- if encoding not in ['utf-8', 'utf8'] -%}
        {%- do options.append("encoding = " ~ leadscore_string_literal(encoding)) -%}
    {%- endif -%}
    {%- if var('leadscore_input_delimiter') -%}
        {%- do options.append("delim = " ~ leadscore_string_literal(var('leadscore_input_delimiter'))) -%}
    {%- endif -%}
    {{- return("read_csv(" ~ files ~ ", " ~ options | join(', ') ~ ")") -}}
{%- endmacro %}
