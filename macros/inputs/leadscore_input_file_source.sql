{#- The engine-specific part of leadscore_input_source for input=files: DuckDB reads CSV
    and Parquet where they lie, Spark registers the file as a table; other engines load
    files first (the loader script, input=tables). Returns what leadscore_input_source does. -#}
{% macro leadscore_input_file_source(folder, table_name) -%}
    {{ return(adapter.dispatch('leadscore_input_file_source', 'leadscore')(folder, table_name)) }}
{%- endmacro %}

{% macro default__leadscore_input_file_source(folder, table_name) -%}
    {{ exceptions.raise_compiler_error("leadscore: input=files is not supported on the " ~ target.type ~ " target; load the files with the loader script and use input=tables") }}
{%- endmacro %}


{#- DuckDB reads an input table from INPUT_PATH in one of two layouts:
    - one file `<table>.csv|tsv|txt|csv.gz|parquet` (as before: a file that only grows is
      continued by position);
    - a folder `<table>/` of such files (sub-folders included), each file one delivery, as
      sync tools (Fivetran, Airbyte, an export job) land them: every file is read, in the
      order of delivery_number (leadscore_delivery_plan), and a row's position is
      delivery_number * 10^10 + its row in the file.
    Names compare case-insensitively. Files whose name starts with `.` or `_` (`_SUCCESS`,
    `.crc`) are markers, not data. Anything else of the table's name stops the run, named:
    a file in a format it cannot read, both layouts at once, a folder named `<table>.x`,
    two files, CSV and Parquet in one folder. A table is absent only when nothing of its
    name is in INPUT_PATH; an empty folder is a table without rows. -#}
{% macro duckdb__leadscore_input_file_source(folder, table_name) -%}
    {%- set layout = leadscore_input_layout(folder, table_name) -%}
    {%- if layout.kind == 'absent' -%}
        {{- return({'found': false, 'relation': none, 'columns': [], 'location': folder ~ '/' ~ table_name ~ '.*'}) -}}
    {%- elif layout.kind == 'file' -%}
        {%- set path = layout.files[0] -%}
        {%- set reader = leadscore_file_reader([path]) -%}
        {%- set source = {'found': true, 'relation': reader, 'location': path, 'delivery_files': [path]} -%}
        {#- Parquet knows each row's position: numbering by it runs in parallel, where
            row_number() over () is one sequential pass over the whole input. -#}
        {%- if leadscore_is_parquet(path) -%}
            {%- do source.update({'numbered_relation': leadscore_file_reader([path], file_row_number=true)}) -%}
        {%- endif -%}
    {%- else -%}
        {%- set plan = leadscore_delivery_plan(table_name, layout) -%}
        {%- set files = plan.files -%}
        {%- set source = {'found': true, 'location': layout.location, 'delivery_files': files,
                          'new_delivery_files': plan.new_files, 'delivery_plan': plan} -%}
        {%- if files | length == 0 and leadscore_input_contract(table_name).is_required_table -%}
            {{ exceptions.raise_compiler_error("leadscore: input table '" ~ table_name ~ "': the folder " ~ layout.location ~ " holds no CSV or Parquet file yet; it is required") }}
        {%- elif files | length == 0 -%}
            {#- an empty folder of an optional table: no rows yet, read as the table absent -#}
            {{- return({'found': false, 'relation': none, 'columns': [], 'location': layout.location}) -}}
        {%- elif leadscore_is_parquet(files[0]) -%}
            {%- do source.update({'relation': leadscore_file_reader(files),
                                  'delivery_relation': leadscore_file_reader(files, file_row_number=true)}) -%}
        {%- else -%}
            {%- set branches = [] -%}
            {%- for path in files -%}
                {%- do branches.append({'path': path, 'number': plan.numbers[path], 'reader': leadscore_file_reader([path])}) -%}
            {%- endfor -%}
            {%- set union = [] -%}
            {%- for branch in branches -%}
                {%- do union.append('select * from ' ~ branch.reader) -%}
            {%- endfor -%}
            {%- do source.update({'relation': '(' ~ union | join(' union all by name ') ~ ')', 'delivery_branches': branches}) -%}
        {%- endif -%}
    {%- endif -%}
    {%- set described = run_query("describe select * from " ~ source.relation) -%}
    {%- do source.update({'columns': described.columns[0].values() | list}) -%}
    {{- return(source) -}}
{%- endmacro %}

{#- Spark: the folder is listed through the binaryFile source (paths only, no file is read),
    and the file is registered as an external table over it in the staging schema,
    `leadscore_input_<table>` (the base models are views, and a view may not read a
    temporary one). The table is registered once per dbt invocation (its property
    leadscore.invocation) and dropped when the file is gone. CSV: every value as text
    (inferSchema off), RFC 4180 quoting ("" inside quotes), quoted line breaks allowed;
    the header row is assumed unless the var leadscore_input_header says otherwise, and the
    delimiter is the most frequent of , ; tab | in the first line unless the var
    leadscore_input_delimiter forces it. -#}
{% macro spark__leadscore_input_file_source(folder, table_name) -%}
    {%- set pattern = folder ~ '/' ~ table_name ~ '.*' -%}
    {%- set schema = generate_schema_name('staging', none) -%}
    {%- set identifier = 'leadscore_input_' ~ table_name -%}
    {%- set relation = adapter.quote(schema) ~ '.' ~ adapter.quote(identifier) -%}
    {%- set registered = run_query("show tables in " ~ adapter.quote(schema) ~ " like " ~ leadscore_string_literal(identifier)) -%}
    {%- set ns = namespace(current=false) -%}
    {%- if registered.rows | length > 0 -%}
        {%- set properties = run_query("show tblproperties " ~ relation ~ " (" ~ leadscore_string_literal('leadscore.invocation') ~ ")") -%}
        {%- set ns.current = properties.rows | length > 0 and (properties.rows[0][-1] | string) == invocation_id -%}
    {%- endif -%}
    {%- if not ns.current -%}
        {%- set listing = run_query("select path from binaryFile." ~ leadscore_quote_identifier(folder) ~ " order by path") -%}
        {%- set readable = [] -%}
        {%- for row in listing.rows -%}
            {%- set path = row[0] | string -%}
            {%- set name = path.split('/')[-1] -%}
            {%- set lowered = name | lower -%}
            {%- if name.startswith(table_name ~ '.') and (lowered.endswith('.csv') or lowered.endswith('.tsv')
                or lowered.endswith('.txt') or lowered.endswith('.csv.gz') or lowered.endswith('.parquet')) -%}
                {%- do readable.append(path) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if readable | length > 1 -%}
            {{ exceptions.raise_compiler_error("leadscore: more than one input file for table " ~ table_name ~ ": " ~ readable | join(', ') ~ " (keep one)") }}
        {%- endif -%}
        {%- do run_query("drop table if exists " ~ relation) -%}
        {%- if readable | length == 0 -%}
            {{- return({'found': false, 'relation': none, 'columns': [], 'location': pattern}) -}}
        {%- endif -%}
        {%- set path = readable[0] -%}
        {%- if (path | lower).endswith('.parquet') -%}
            {%- set options = {'path': path} -%}
            {%- set format = 'parquet' -%}
        {%- else -%}
            {%- set format = 'csv' -%}
            {%- set delimiter = var('leadscore_input_delimiter') or leadscore_sniff_delimiter(path) -%}
            {%- set header = 'false' if var('leadscore_input_header', none) is not none and not var('leadscore_input_header') else 'true' -%}
            {%- set options = {
                'path': path, 'header': header, 'sep': delimiter, 'inferSchema': 'false',
                'multiLine': 'true', 'quote': '"', 'escape': '"', 'mode': 'PERMISSIVE'
            } -%}
        {%- endif -%}
        {%- set option_list = [] -%}
        {%- for key, value in options.items() -%}
            {%- do option_list.append(key ~ ' ' ~ leadscore_string_literal(value)) -%}
        {%- endfor -%}
        {%- do run_query("create schema if not exists " ~ adapter.quote(schema)) -%}
        {%- do run_query("create table " ~ relation ~ " using " ~ format
            ~ " options (" ~ option_list | join(', ') ~ ")"
            ~ " tblproperties (" ~ leadscore_string_literal('leadscore.invocation') ~ " = " ~ leadscore_string_literal(invocation_id) ~ ")") -%}
    {%- endif -%}
    {%- set described = run_query("select * from " ~ relation ~ " limit 0") -%}
    {{- return({'found': true, 'relation': relation, 'columns': described.column_names | list, 'location': pattern}) -}}
{%- endmacro %}
