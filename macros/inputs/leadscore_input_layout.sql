{#- What INPUT_PATH holds for one table: kind absent | file | folder, the files (full paths,
    sorted), and for a folder its path; stops the run on a layout it does not know. -#}
{% macro leadscore_input_layout(folder, table_name) -%}
    {%- set root = folder.rstrip('/') -%}
    {%- set listed = run_query("select file from glob(" ~ leadscore_string_literal(root ~ '/*') ~ ") union all "
        ~ "select file from glob(" ~ leadscore_string_literal(root ~ '/*/**/*') ~ ") order by file") -%}
    {%- set ns = namespace(files=[], folder_files=[], folder=none, odd=[], parquet=0) -%}
    {%- for row in listed.rows -%}
        {%- set path = row[0] | string -%}
        {%- set parts = path[root | length + 1:].split('/') -%}
        {%- set first = parts[0] | lower -%}
        {%- set is_marker = namespace(value=false) -%}
        {%- for part in parts if part.startswith('.') or part.startswith('_') -%}
            {%- set is_marker.value = true -%}
        {%- endfor -%}
        {%- if (first == table_name or first.startswith(table_name ~ '.')) and not is_marker.value -%}
            {%- if parts | length == 1 and leadscore_is_readable_file(path) -%}
                {%- set ns.files = ns.files + [path] -%}
            {%- elif parts | length == 1 -%}
                {%- set ns.odd = ns.odd + [path ~ ' (not CSV or Parquet)'] -%}
            {%- elif first != table_name -%}
                {%- set ns.odd = ns.odd + [root ~ '/' ~ parts[0] ~ '/ (a folder of deliveries is named ' ~ table_name ~ '/)'] -%}
            {%- elif leadscore_is_readable_file(path) -%}
                {%- set ns.folder = root ~ '/' ~ parts[0] -%}
                {%- set ns.folder_files = ns.folder_files + [path] -%}
                {%- set ns.parquet = ns.parquet + (1 if leadscore_is_parquet(path) else 0) -%}
            {%- else -%}
                {%- set ns.odd = ns.odd + [path ~ ' (not CSV or Parquet)'] -%}
            {%- endif -%}
        {%- elif first == table_name and parts | length > 1 -%}
            {#- a folder that holds only markers so far: a table without rows -#}
            {%- set ns.folder = root ~ '/' ~ parts[0] -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set stop = "leadscore: input table '" ~ table_name ~ "' in " ~ root ~ ": " -%}
    {%- if ns.odd -%}
        {{ exceptions.raise_compiler_error(stop ~ "cannot read " ~ ns.odd | unique | join(', ')
            ~ "; give one file " ~ table_name ~ ".csv or " ~ table_name ~ ".parquet, or a folder " ~ table_name ~ "/ of such files") }}
    {%- elif ns.files and ns.folder -%}
        {{ exceptions.raise_compiler_error(stop ~ "both a file (" ~ ns.files | join(', ') ~ ") and a folder of deliveries (" ~ ns.folder ~ "/); keep one") }}
    {%- elif ns.files | length > 1 -%}
        {{ exceptions.raise_compiler_error("leadscore: more than one input file for table " ~ table_name ~ ": " ~ ns.files | join(', ') ~ " (keep one, or put each delivery in a folder " ~ table_name ~ "/)") }}
    {%- elif ns.parquet and ns.parquet != ns.folder_files | length -%}
        {{ exceptions.raise_compiler_error(stop ~ "the folder " ~ ns.folder ~ "/ holds both Parquet and CSV files; keep one format") }}
    {%- elif ns.files -%}
        {{- return({'kind': 'file', 'files': ns.files, 'location': ns.files[0]}) -}}
    {%- elif ns.folder -%}
        {{- return({'kind': 'folder', 'files': ns.folder_files | sort, 'location': ns.folder ~ '/'}) -}}
    {%- endif -%}
    {{- return({'kind': 'absent', 'files': [], 'location': root ~ '/' ~ table_name ~ '.*'}) -}}
{%- endmacro %}
