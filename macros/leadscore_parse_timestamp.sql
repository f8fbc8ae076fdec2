{#- A timestamp from cleaned text: ISO 8601 dates and date-times, with or without a UTC offset
    (converted to UTC), then any strptime formats in the var extra_timestamp_formats.
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
        {%- for format in var('extra_timestamp_formats') %},
        try_strptime(trim({{ column }}), {{ leadscore_string_literal(format) }})
        {%- endfor %}
    )
{%- endmacro %}

{% macro default__leadscore_parse_timestamp(column) -%}
    {{ dbt.safe_cast('trim(' ~ column ~ ')', dbt.type_timestamp()) }}
{%- endmacro %}
