{#- Locates one input table for the `input` var (demo | files | tables) and returns
    {'found': bool, 'relation': SQL to select from, 'columns': [names as in the input],
     'location': text for messages}, and for a table 'typed_columns' (the adapter's columns,
    with their types). Runs a metadata query only, never a scan (but for counting the rows of
    a header-less file of an optional table). -#}
{% macro leadscore_input_source(table_name) -%}
    {%- set not_found = {'found': false, 'relation': none, 'columns': [], 'location': ''} -%}
    {%- if not execute -%}
        {{- return(not_found) -}}
    {%- endif -%}
    {%- set mode = var('leadscore_input') -%}
    {%- if mode in ['demo', 'files'] -%}
        {%- set folder = var('leadscore_demo_path', 'data/demo') if mode == 'demo' else var('leadscore_input_path') -%}
        {%- if not folder -%}
            {{ exceptions.raise_compiler_error("leadscore: input=files needs the var leadscore_input_path (make run INPUT=files INPUT_PATH=<folder>)") }}
        {%- endif -%}
        {%- set source = leadscore_input_file_source(folder, table_name) -%}
        {#- An empty file (zero bytes, no header) of an optional table reads as the table
            absent: docs/CONTRACT.md section 1 allows those empty. A required one stops later,
            saying the file is empty. -#}
        {%- if source.found and not leadscore_input_contract(table_name).is_required_table
            and leadscore_is_headerless(source.columns)
            and run_query("select count(*) from " ~ source.relation).rows[0][0] == 0 -%}
            {{- return({'found': false, 'relation': none, 'columns': [], 'location': source.location}) -}}
        {%- endif -%}
        {{- return(source) -}}
    {%- elif mode == 'tables' -%}
        {#- A host project names its own relations per table (var leadscore_input_tables:
            `identifier`, `schema.identifier` or `database.schema.identifier`); the rest are
            the contract's table names in leadscore_input_database.leadscore_input_schema. -#}
        {%- set named = ((var('leadscore_input_tables', none) or {}).get(table_name) or table_name) | string -%}
        {%- set parts = named.split('.') -%}
        {%- set relation = adapter.get_relation(
            database=(parts[-3] if parts | length > 2 else none) or var('leadscore_input_database') or target.database,
            schema=parts[-2] if parts | length > 1 else var('leadscore_input_schema'),
            identifier=parts[-1]) -%}
        {%- if relation is none -%}
            {{- return(not_found) -}}
        {%- endif -%}
        {%- set typed_columns = adapter.get_columns_in_relation(relation) -%}
        {%- set columns = typed_columns | map(attribute='name') | list -%}
        {%- set source = {'found': true, 'relation': relation, 'columns': columns, 'typed_columns': typed_columns,
            'location': relation | string} -%}
        {#- A table a sync tool loads carries a load time per row (the var leadscore_input_loaded_at_column):
            the event store then reads only the rows loaded since its watermark, and numbers
            rows itself; the table needs no sequential numbering pass (its own row id). -#}
        {%- set wanted = leadscore_normalize_column_name(var('leadscore_input_loaded_at_column') or '') -%}
        {%- for column in columns if wanted and leadscore_normalize_column_name(column) == wanted -%}
            {%- do source.update({'loaded_at_column': column, 'physical_row_number': relation.type == 'table'}) -%}
        {%- endfor -%}
        {{- return(source) -}}
    {%- else -%}
        {{ exceptions.raise_compiler_error("leadscore: var leadscore_input must be demo, files or tables, not '" ~ mode ~ "'") }}
    {%- endif -%}
{%- endmacro %}
