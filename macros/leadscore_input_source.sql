{#- Locates one input table for the `input` var (demo | files | tables) and returns
    {'found': bool, 'relation': SQL to select from, 'columns': [names as in the input],
     'location': text for messages}. Runs a metadata query only, never a scan (but for
    counting the rows of a header-less file of an optional table). -#}
{% macro leadscore_input_source(table_name) -%}
    {%- set not_found = {'found': false, 'relation': none, 'columns': [], 'location': ''} -%}
    {%- if not execute -%}
        {{- return(not_found) -}}
    {%- endif -%}
    {%- set mode = var('input') -%}
    {%- if mode in ['demo', 'files'] -%}
        {%- set folder = var('demo_path', 'data/demo') if mode == 'demo' else var('input_path') -%}
        {%- if not folder -%}
            {{ exceptions.raise_compiler_error("leadscore: input=files needs the var input_path (make run INPUT=files INPUT_PATH=<folder>)") }}
        {%- endif -%}
        {%- set source = leadscore_input_file_source(folder, table_name) -%}
        {#- An empty file (zero bytes, no header) of an optional table reads as the table
            absent: CONTRACT.md section 1 allows those empty. A required one stops later,
            saying the file is empty. -#}
        {%- if source.found and not leadscore_input_contract(table_name).is_required_table
            and leadscore_is_headerless(source.columns)
            and run_query("select count(*) from " ~ source.relation).rows[0][0] == 0 -%}
            {{- return({'found': false, 'relation': none, 'columns': [], 'location': source.location}) -}}
        {%- endif -%}
        {{- return(source) -}}
    {%- elif mode == 'tables' -%}
        {%- set relation = adapter.get_relation(
            database=var('input_database') or target.database,
            schema=var('input_schema'),
            identifier=table_name) -%}
        {%- if relation is none -%}
            {{- return(not_found) -}}
        {%- endif -%}
        {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | list -%}
        {{- return({'found': true, 'relation': relation, 'columns': columns, 'location': relation | string}) -}}
    {%- else -%}
        {{ exceptions.raise_compiler_error("leadscore: var input must be demo, files or tables, not '" ~ mode ~ "'") }}
    {%- endif -%}
{%- endmacro %}


{% macro leadscore_input_file_source(folder, table_name) -%}
    {{ return(adapter.dispatch('leadscore_input_file_source', 'leadscore')(folder, table_name)) }}
{%- endmacro %}

{% macro default__leadscore_input_file_source(folder, table_name) -%}
    {{ exceptions.raise_compiler_error("leadscore: input=files is not supported on the " ~ target.type ~ " target; load the files with the loader script and use input=tables") }}
{%- endmacro %}


{% macro duckdb__leadscore_input_file_source(folder, table_name) -%}
    {%- set pattern = folder ~ '/' ~ table_name ~ '.*' -%}
    {%- set matches = run_query("select file from glob(" ~ leadscore_string_literal(pattern) ~ ") order by file") -%}
    {%- set readable = [] -%}
    {%- for row in matches.rows -%}
        {%- set name = row[0] | lower -%}
        {%- if name.endswith('.csv') or name.endswith('.tsv') or name.endswith('.txt')
            or name.endswith('.csv.gz') or name.endswith('.parquet') -%}
            {%- do readable.append(row[0]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if readable | length == 0 -%}
        {{- return({'found': false, 'relation': none, 'columns': [], 'location': pattern}) -}}
    {%- elif readable | length > 1 -%}
        {{ exceptions.raise_compiler_error("leadscore: more than one input file for table " ~ table_name ~ ": " ~ readable | join(', ') ~ " (keep one)") }}
    {%- endif -%}
    {%- set path = readable[0] -%}
    {%- set is_parquet = (path | lower).endswith('.parquet') -%}
    {%- if is_parquet -%}
        {%- set reader = "read_parquet(" ~ leadscore_string_literal(path) ~ ")" -%}
    {%- else -%}
        {#- all_varchar: every value arrives as text and is typed in staging, so one bad
            value can never fail the read. The header row and the delimiter are sniffed unless
            the vars input_header / input_delimiter force them. -#}
        {#- parallel = false: DuckDB's parallel CSV scanner stops on a quoted line break
            when rows may be short (null_padding), and CRM exports hold multi-line fields. -#}
        {%- set options = ["all_varchar = true", "null_padding = true", "auto_detect = true", "parallel = false"] -%}
        {%- if var('input_header', none) is not none -%}
            {%- do options.append("header = " ~ ('true' if var('input_header') else 'false')) -%}
        {%- endif -%}
        {%- if var('input_delimiter') -%}
            {%- do options.append("delim = " ~ leadscore_string_literal(var('input_delimiter'))) -%}
        {%- endif -%}
        {%- set reader = "read_csv(" ~ leadscore_string_literal(path) ~ ", " ~ options | join(', ') ~ ")" -%}
    {%- endif -%}
    {%- set described = run_query("describe select * from " ~ reader) -%}
    {%- set columns = described.columns[0].values() | list -%}
    {%- set source = {'found': true, 'relation': reader, 'columns': columns, 'location': path} -%}
    {#- Parquet knows each row's position: numbering by it runs in parallel, where
        row_number() over () is one sequential pass over the whole input. -#}
    {%- if is_parquet and 'file_row_number' not in columns -%}
        {%- do source.update({'numbered_relation': "read_parquet(" ~ leadscore_string_literal(path) ~ ", file_row_number = true)"}) -%}
    {%- endif -%}
    {{- return(source) -}}
{%- endmacro %}


{#- Spark: the folder is listed through the binaryFile source (paths only, no file is read),
    and the file is registered as an external table over it in the staging schema,
    `leadscore_input_<table>` (the base models are views, and a view may not read a
    temporary one). The table is registered once per dbt invocation (its property
    leadscore.invocation) and dropped when the file is gone. CSV: every value as text
    (inferSchema off), RFC 4180 quoting ("" inside quotes), quoted line breaks allowed;
    the header row is assumed unless the var input_header says otherwise, and the
    delimiter is the most frequent of , ; tab | in the first line unless the var
    input_delimiter forces it. -#}
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
            {%- set delimiter = var('input_delimiter') or leadscore_sniff_delimiter(path) -%}
            {%- set header = 'false' if var('input_header', none) is not none and not var('input_header') else 'true' -%}
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

{#- The CSV delimiter of a file, from its first line: the most frequent of , ; tab |
    (a comma when none occurs). -#}
{% macro leadscore_sniff_delimiter(path) -%}
    {%- set first = run_query("select value from text." ~ leadscore_quote_identifier(path) ~ " limit 1") -%}
    {%- set line = (first.rows[0][0] | string) if first.rows | length > 0 and first.rows[0][0] is not none else '' -%}
    {%- set ns = namespace(best=',', count=0) -%}
    {%- for candidate in [',', ';', '\t', '|'] -%}
        {%- if line.count(candidate) > ns.count -%}
            {%- set ns.best = candidate -%}
            {%- set ns.count = line.count(candidate) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(ns.best) -}}
{%- endmacro %}
