{#- The whole raw row as one text value (JSON where the engine has it), kept in
    quarantine so a bad row can be read and fixed at its source. `numbered_by` is the
    column the base model added (the row's position; its file, __leadscore_delivery_file,
    goes too), left out where the engine can;
    `left_out` are input columns (as named in the input) that must not be copied: the
    personal ones of the leads input (docs/personal-data.md). `columns`, where known, are
    the input's columns (name and data type, as the adapter lists them): Postgres then
    writes the text without building the JSON value first. -#}
{% macro leadscore_row_as_text(relation_alias, numbered_by, left_out=[], columns=none) -%}
    {{ return(adapter.dispatch('leadscore_row_as_text', 'leadscore')(relation_alias, numbered_by, left_out, columns)) }}
{%- endmacro %}

{% macro default__leadscore_row_as_text(relation_alias, numbered_by, left_out=[], columns=none) -%}
    {%- if left_out -%}
        {{ exceptions.raise_compiler_error("leadscore: leaving columns out of raw_record is not implemented on " ~ target.type) }}
    {%- endif -%}
    cast(row_to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__leadscore_row_as_text(relation_alias, numbered_by, left_out=[], columns=none) -%}
    {%- set excluded = [numbered_by, '__leadscore_delivery_file'] -%}
    {%- for column in left_out -%}
        {%- do excluded.append(leadscore_quote_identifier(column)) -%}
    {%- endfor -%}
    cast(to_json(struct_pack(*columns(* exclude ({{ excluded | join(', ') }})))) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark's to_json leaves null fields out unless told otherwise; DuckDB keeps them. -#}
{% macro spark__leadscore_row_as_text(relation_alias, numbered_by, left_out=[], columns=none) -%}
    {%- set excluded = [numbered_by, '__leadscore_delivery_file'] -%}
    {%- for column in left_out -%}
        {%- do excluded.append(leadscore_quote_identifier(column)) -%}
    {%- endfor -%}
    to_json(struct({{ relation_alias }}.* except ({{ excluded | join(', ') }})), map('ignoreNullFields', 'false'))
{%- endmacro %}

{#- Postgres: the text of jsonb (keys by length, then byte order; `"key": value`, joined by
    `, `), which raw_row_hash and the keys of id-less events are computed from. With the
    columns known, it is written value by value (to_json of a text value is jsonb's text of
    it; other types go through to_jsonb): 10 s instead of 20 s for 5M rows of activities,
    the costliest part of cleaning them. Names outside [A-Za-z0-9_ ] keep the jsonb route. -#}
{% macro postgres__leadscore_row_as_text(relation_alias, numbered_by, left_out=[], columns=none) -%}
    {%- set kept = [] -%}
    {%- for column in columns or [] if column.name not in left_out -%}
        {%- do kept.append(column) -%}
    {%- endfor -%}
    {%- set unusual = [] -%}
    {%- for column in kept if not modules.re.fullmatch('[A-Za-z0-9_ ]+', column.name) -%}
        {%- do unusual.append(column.name) -%}
    {%- endfor -%}
    {%- if kept and not unusual -%}
        {%- set keyed = {} -%}
        {%- for column in kept -%}
            {%- do keyed.update({'%06d' | format(column.name | length) ~ column.name: column}) -%}
        {%- endfor -%}
        '{' ||
        {#- case-sensitive: Jinja's sort ignores case unless told, jsonb compares bytes ("Z" < "b") -#}
        {%- for sort_key in keyed | sort(case_sensitive=true) %}
            {%- set column = keyed[sort_key] -%}
            {%- set value = relation_alias ~ '.' ~ leadscore_quote_identifier(column.name) %}
            '{{ '' if loop.first else ', ' }}"{{ column.name }}": ' || coalesce(cast(
                {%- if column.dtype | lower in ['text', 'character varying'] -%}
                    to_json({{ value }})
                {%- else -%}
                    to_jsonb({{ value }})
                {%- endif %} as {{ dbt.type_string() }}), 'null') ||
        {%- endfor %}
        '}'
    {%- else -%}
        {#- the keys go in one deletion (each `- key` would copy the whole value again: 5 s
            of 5M rows) -#}
        {%- set excluded = [numbered_by, '__leadscore_delivery_file'] + left_out -%}
        cast(to_jsonb({{ relation_alias }}) - cast(array[{{ leadscore_string_literal_list(excluded) }}] as text[]) as {{ dbt.type_string() }})
    {%- endif -%}
{%- endmacro %}
