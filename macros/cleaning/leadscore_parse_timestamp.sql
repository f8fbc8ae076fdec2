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
        time is read as it is, never in the session's time zone.
        Postgres has no try_cast, and a function that catches the cast's error runs a
        subtransaction, which no parallel plan may hold (the event store's full build then
        runs in one process). So the patterns below accept exactly the values Postgres's own
        cast accepts (checked value by value against it in test-postgres): months and days
        that exist, February 29 in leap years only, 24:00:00 and a 60th second (with a
        fraction that rounds to zero at microseconds), UTC offsets up to 15:59, and after a
        date without a time no negative offset (Postgres would read it as part of the date);
        every other value becomes null before any cast, and the casts cannot fail. -#}
    {%- set text = 'trim(' ~ column ~ ')' -%}
    {%- set year = '([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])' -%}
    {%- set month_day = '((0?[13578]|1[02])-(0?[1-9]|[12][0-9]|3[01])|(0?[469]|11)-(0?[1-9]|[12][0-9]|30)|0?2-(0?[1-9]|1[0-9]|2[0-9]))' -%}
    {%- set zero_fraction = '([.](0*|0{6}([0-4][0-9]*|50*)))?' -%}
    {%- set time = '[T ]((0?[0-9]|1[0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]([.][0-9]+)?|60' ~ zero_fraction ~ '))?|24:00(:00' ~ zero_fraction ~ ')?)' -%}
    {%- set offset = '(0[0-9]|1[0-5])(:[0-5][0-9])?' -%}
    {%- set date = '^' ~ year ~ '-' ~ month_day -%}
    {#- whether the year that a text expression begins with is a leap year -#}
    {%- set leap_year_test = '{year} % 4 = 0 and ({year} % 100 != 0 or {year} % 400 = 0)' -%}
    {%- if var('leadscore_extra_timestamp_formats') | length > 0 -%}
        {{ exceptions.raise_compiler_error("leadscore: the var leadscore_extra_timestamp_formats (strptime formats) is DuckDB-only; convert the column before loading it into Postgres") }}
    {%- endif -%}
    {#- The usual shapes first, without a regex (Postgres's regexes cost about 3 µs a value,
        most of the event store's parse; these tests about 0.9): 'YYYY-MM-DD',
        'YYYY-MM-DD HH:MM:SS' or with a T (LIKE), a year of digits other than 0000, a
        month-day that exists in every year, 02-29 in leap years, hours 00 to 23, minutes and
        seconds 00 to 59 (IN lists, which Postgres looks up by hash). Anything else of those
        shapes (24:00:00, a 60th second, a month 13) goes on to the patterns, as before.
        The fast path reads the value untrimmed (`value`): a value it accepts begins and ends
        with a digit, so trimming would change nothing, and one with white space around it
        fails its LIKE and goes on to the patterns, which trim. Postgres computes each of the
        twenty-odd mentions of trim() in it anew, a copy each: 12.3 s against 7.1 s for the
        5.1M values of S in one process. -#}
    {%- set value = column -%}
    {%- set text_year_is_leap = leap_year_test | replace('{year}', 'cast(substr(' ~ text ~ ', 1, 4) as integer)') -%}
    {%- set value_year_is_leap = leap_year_test | replace('{year}', 'cast(substr(' ~ value ~ ', 1, 4) as integer)') -%}
    {%- set month_days = [] -%}
    {%- for month, days in [(1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30), (7, 31), (8, 31), (9, 30), (10, 31), (11, 30), (12, 31)] -%}
        {%- for day in range(1, days + 1) -%}
            {%- do month_days.append("'%02d-%02d'" % (month, day)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- set two_digits = [] -%}
    {%- for number in range(60) -%}
        {%- do two_digits.append("'%02d'" % number) -%}
    {%- endfor -%}
    case
        when
            case
                when
                    ({{ value }} like '____-__-__' or {{ value }} like '____-__-__ __:__:__' or {{ value }} like '____-__-__T__:__:__')
                    and ltrim(substr({{ value }}, 1, 4), '0123456789') = ''
                    then
                        substr({{ value }}, 1, 4) != '0000'
                        and (
                            substr({{ value }}, 6, 5) in ({{ month_days | join(', ') }})
                            or (
                                substr({{ value }}, 6, 5) = '02-29'
                                and {{ value_year_is_leap }}
                            )
                        )
                        and (
                            length({{ value }}) = 10
                            or (
                                substr({{ value }}, 12, 2) in ({{ two_digits[:24] | join(', ') }})
                                and substr({{ value }}, 15, 2) in ({{ two_digits | join(', ') }})
                                and substr({{ value }}, 18, 2) in ({{ two_digits | join(', ') }})
                            )
                        )
                else false
            end
            then cast({{ value }} as timestamp)
        when
            {{ text }} ~ '^[0-9]{4}-0?2-29'
            and not ({{ text_year_is_leap }})
            then null
        when {{ text }} ~ {{ leadscore_string_literal(date ~ '(' ~ time ~ ')?$') }}
            then cast({{ text }} as timestamp)
        when {{ text }} ~ {{ leadscore_string_literal(date ~ '(' ~ time ~ '(Z| ?UTC|[+-]' ~ offset ~ ')|(Z| ?UTC|[+]' ~ offset ~ '))$') }}
            then cast({{ text }} as timestamptz) at time zone 'UTC'
    end
{%- endmacro %}
