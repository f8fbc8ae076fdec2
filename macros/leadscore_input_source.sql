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
        {%- set source = {'found': true, 'relation': relation, 'columns': columns, 'location': relation | string} -%}
        {#- A table a sync tool loads carries a load time per row (the var input_loaded_at_column):
            the event store then reads only the rows loaded since its watermark, and numbers
            rows itself; the table needs no sequential numbering pass (its own row id). -#}
        {%- set wanted = leadscore_normalize_column_name(var('input_loaded_at_column') or '') -%}
        {%- for column in columns if wanted and leadscore_normalize_column_name(column) == wanted -%}
            {%- do source.update({'loaded_at_column': column, 'physical_row_number': relation.type == 'table'}) -%}
        {%- endfor -%}
        {{- return(source) -}}
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


{% macro leadscore_is_readable_file(path) -%}
    {%- set name = path.split('/')[-1] | lower -%}
    {{- return(name.endswith('.csv') or name.endswith('.tsv') or name.endswith('.txt')
        or name.endswith('.csv.gz') or name.endswith('.parquet')) -}}
{%- endmacro %}


{% macro leadscore_is_parquet(path) -%}
    {{- return((path | lower).endswith('.parquet')) -}}
{%- endmacro %}


{#- DuckDB's reader of some files. Parquet: as typed (every column is cast to text in the
    base model); with file_row_number the position of each row in its file and the file's
    name come along (numbering and delivery filters run inside the scan). CSV: every value
    as text, so one bad value can never fail the read; the header row and the delimiter are
    sniffed unless the vars input_header / input_delimiter force them; parallel = false,
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
    {%- if var('input_header', none) is not none -%}
        {%- do options.append("header = " ~ ('true' if var('input_header') else 'false')) -%}
    {%- endif -%}
    {%- if var('input_delimiter') -%}
        {%- do options.append("delim = " ~ leadscore_string_literal(var('input_delimiter'))) -%}
    {%- endif -%}
    {{- return("read_csv(" ~ files ~ ", " ~ options | join(', ') ~ ")") -}}
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


{#- The order in which the files of a folder of deliveries are read, and which of them this
    run judges. Each file gets a delivery_number: files already judged keep theirs (the
    event store's registry, int_activity_deliveries_judged); new files follow in name order.
    Without a registry to continue (a full build, --full-refresh, or a table the job reads
    whole every run: leads, outcomes, accounts) the files are numbered in name order and all
    are new. A judged file that changed (size or modification time) or disappeared stops the
    run, named: a delivery is never rewritten, and its rows are already judged.
    Returns {files (by delivery_number), numbers {path: n}, new_files}. -#}
{% macro leadscore_delivery_plan(table_name, layout) -%}
    {%- set judged = leadscore_judged_deliveries(table_name) -%}
    {%- set numbers = {} -%}
    {%- set new_files = [] -%}
    {%- if judged is none -%}
        {%- for path in layout.files -%}
            {%- do numbers.update({path: loop.index}) -%}
            {%- do new_files.append(path) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set present = {} -%}
        {%- if layout.files -%}
            {%- for row in run_query(leadscore_delivery_files_metadata(layout.files)).rows -%}
                {%- do present.update({row[0] | string: [row[1] | int, row[2] | string]}) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- set problems = [] -%}
        {%- set ns = namespace(last=0) -%}
        {%- for path, known in judged.items() -%}
            {%- set ns.last = [ns.last, known.number] | max -%}
            {%- if path not in present -%}
                {%- do problems.append(path ~ " is gone") -%}
            {%- elif present[path] != [known.bytes, known.modified_at] -%}
                {%- do problems.append(path ~ " changed (" ~ known.bytes ~ " bytes modified " ~ known.modified_at ~ " when judged, now "
                    ~ present[path][0] ~ " bytes modified " ~ present[path][1] ~ ")") -%}
            {%- else -%}
                {%- do numbers.update({path: known.number}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error("leadscore: input table '" ~ table_name ~ "': a delivery judged by an earlier run "
                ~ problems | join('; ') ~ ". Deliveries must not be rewritten or removed: their rows are already in the event store. "
                ~ "Restore the file, or run with FULL_REFRESH=1 (dbt: --full-refresh) to judge every file again.") }}
        {%- endif -%}
        {%- for path in layout.files if path not in judged -%}
            {%- set ns.last = ns.last + 1 -%}
            {%- do numbers.update({path: ns.last}) -%}
            {%- do new_files.append(path) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set ordered = [] -%}
    {%- for path, number in numbers.items() | sort(attribute='1') -%}
        {%- do ordered.append(path) -%}
    {%- endfor -%}
    {{- return({'files': ordered, 'numbers': numbers, 'new_files': new_files}) -}}
{%- endmacro %}


{#- The delivery files of an input table judged by earlier runs, {path: {number, bytes,
    modified_at}}, or none when this run judges every file again (only the activities are
    kept between runs, in the event store; a full build or --full-refresh starts over). -#}
{% macro leadscore_judged_deliveries(table_name) -%}
    {%- set store = leadscore_event_store_relation() -%}
    {%- if table_name != 'activities' or flags.FULL_REFRESH or store is none -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set registry = leadscore_model_relation('int_activity_deliveries_judged') -%}
    {%- if registry is none -%}
        {#- a store this very build just started (a first build) has no registry yet -#}
        {%- set earlier = run_query("select count(*) from " ~ store ~ " where triaged_at < " ~ leadscore_run_started_at()).rows[0][0] -%}
        {%- if earlier > 0 -%}
            {{ exceptions.raise_compiler_error("leadscore: the event store has no record of the delivery files it judged (it was built from one file, or by an older leadscore); run with FULL_REFRESH=1 (dbt: --full-refresh) once") }}
        {%- endif -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set judged = {} -%}
    {%- for row in run_query("select delivery_file, delivery_number, file_bytes, cast(file_modified_at as " ~ dbt.type_string() ~ ") from " ~ registry).rows -%}
        {%- do judged.update({row[0] | string: {'number': row[1] | int, 'bytes': row[2] | int, 'modified_at': row[3] | string}}) -%}
    {%- endfor -%}
    {{- return(judged) -}}
{%- endmacro %}


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


{#- An incremental run of the event store reading one file (or a table) stops when the
    store was built from a folder of deliveries: positions would not continue. -#}
{% macro leadscore_require_no_judged_deliveries() -%}
    {%- set registry = leadscore_model_relation('int_activity_deliveries_judged') -%}
    {%- if registry is not none and not flags.FULL_REFRESH
        and run_query("select count(*) from " ~ registry).rows[0][0] > 0 -%}
        {{ exceptions.raise_compiler_error("leadscore: the event store was built from a folder of activity deliveries, and the activities input is no longer one; run with FULL_REFRESH=1 (dbt: --full-refresh) once") }}
    {%- endif -%}
{%- endmacro %}
