{#- A timestamp from cleaned text: ISO 8601 dates and date-times, with or without a UTC offset
    (converted to UTC), then any strptime formats in the var leadscore_extra_timestamp_formats.
    Returns a timestamp without time zone in UTC, or null when nothing parses. -#}
{% macro leadscore_parse_timestamp(column) -%}
    {{ return(adapter.dispatch('leadscore_parse_timestamp', 'leadscore')(column)) }}
{%- endmacro %}

{% macro duckdb__leadscore_parse_timestamp(column) -%}
    {#- 'YYYY-MM-DD' and 'YYYY-MM-DD HH:MM:SS' have no room for a UTC offset: a plain
        timestamp cast gives the same value as the time-zone-aware one, about 3x faster. -#}
    coalesce(
        case
            when length(trim({{ column }})) = 10
                or (length(trim({{ column }})) = 19 and substr(trim({{ column }}), 17, 1) = ':')
                then try_cast(trim({{ column }}) as timestamp)
            else timezone('UTC', try_cast(trim({{ column }}) as timestamptz))
        end
        {%- for format in var('leadscore_extra_timestamp_formats') %},
        try_strptime(trim({{ column }}), {{ leadscore_string_literal(format) }})
        {%- endfor %}
    )
{%- endmacro %}

{% macro default__leadscore_parse_timestamp(column) -%}
    {{ dbt.safe_cast('trim(' ~ column ~ ')', dbt.type_timestamp()) }}
{%- endmacro %}

{% macro postgres__leadscore_parse_timestamp(column) -%}
    {#- Postgres reads far more than ISO 8601 ('01/02/2025' by DateStyle, 'Jan 5'): only the
        forms DuckDB reads are let through, so both engines keep the same values; a naive
        time is read as it is, never in the session's time zone. -#}
    {%- set text = 'trim(' ~ column ~ ')' -%}
    {%- set date_time = '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([T ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]+)?)?)?' -%}
    {%- if var('leadscore_extra_timestamp_formats') | length > 0 -%}
        {{ exceptions.raise_compiler_error("leadscore: the var leadscore_extra_timestamp_formats (strptime formats) is DuckDB-only; convert the column before loading it into Postgres") }}
    {%- endif -%}
    case
        when {{ text }} ~ {{ leadscore_string_literal(date_time ~ '$') }}
            then {{ dbt.safe_cast(text, 'timestamp') }}
        when {{ text }} ~ {{ leadscore_string_literal(date_time ~ '(Z| ?UTC|[+-][0-9]{2}(:[0-9]{2})?)$') }}
            then {{ dbt.safe_cast(text, 'timestamptz') }} at time zone 'UTC'
    end
{%- endmacro %}
