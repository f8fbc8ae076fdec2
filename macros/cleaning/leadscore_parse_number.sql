{#- A number from cleaned text (employee_count, annual_revenue, amount, rule values).
    `decimal_separator` is '.' or ',' (default: the var leadscore_decimal_separator, the
    input's convention; the rule seeds always use '.'); the other of the two groups
    thousands, and only in groups of three digits: with '.', "1,200.5" -> 1200.5; with ',',
    "1.200,5" -> 1200.5 and "500,0" -> 500. Currency signs, spaces and underscores are
    dropped. A value that does not follow the convention ("500,0" or "1,00" with '.', "1.00"
    with ',') or is not a finite number becomes null, never a different number; the staging
    models list it in data_quality_warnings. -#}
{% macro leadscore_parse_number(text_expression, decimal_separator=none) -%}
    {%- set separator = decimal_separator or var('leadscore_decimal_separator', '.') -%}
    {%- if separator not in ['.', ','] -%}
        {{ exceptions.raise_compiler_error("leadscore: the var leadscore_decimal_separator must be '.' or ',', not '" ~ separator ~ "'") }}
    {%- endif -%}
    {{ return(adapter.dispatch('leadscore_parse_number', 'leadscore')(text_expression, separator)) }}
{%- endmacro %}

{% macro default__leadscore_parse_number(text_expression, decimal_separator) -%}
    {%- set grouping = ',' if decimal_separator == '.' else '.' -%}
    {%- set decimal_pattern = '\\' ~ decimal_separator -%}
    {%- set grouping_pattern = '\\' ~ grouping -%}
    {%- set compact = leadscore_regexp_replace_all(text_expression, '[$€£\\s_]', '') -%}
    {%- set normalized = "replace(replace(" ~ compact ~ ", '" ~ grouping ~ "', ''), '" ~ decimal_separator ~ "', '.')" -%}
    {%- set parsed = dbt.safe_cast(normalized, leadscore_type_double()) -%}
    {#- x - x = 0 holds for finite numbers only: "1e999" overflows to infinity on some
        engines, and infinity - infinity is NaN -#}
    case
        when {{ leadscore_regex_matches(compact,
            '^[+-]?(([0-9]{1,3}(' ~ grouping_pattern ~ '[0-9]{3})+|[0-9]+)(' ~ decimal_pattern ~ '[0-9]*)?|'
            ~ decimal_pattern ~ '[0-9]+)([eE][+-]?[0-9]+)?$') }}
            and {{ parsed }} - {{ parsed }} = 0
            then {{ parsed }}
    end
{%- endmacro %}

{#- Postgres: the try-cast function runs a subtransaction per call (about 8 µs; three calls per
    value, in every staged lead and in each unpivoted field value of a backfill). A value of
    at most 15 digits on each side of the separator, without grouping or exponent (nearly
    all of them), is a plain cast that cannot fail or leave the finite range; only the others
    go through the general form. -#}
{% macro postgres__leadscore_parse_number(text_expression, decimal_separator) -%}
    {%- set compact = leadscore_regexp_replace_all(text_expression, '[$€£\\s_]', '') -%}
    case
        when {{ leadscore_regex_matches(compact, '^[+-]?[0-9]{1,15}(\\' ~ decimal_separator ~ '[0-9]{0,15})?$') }}
            then cast(replace({{ compact }}, '{{ decimal_separator }}', '.') as {{ leadscore_type_double() }})
        else {{ default__leadscore_parse_number(text_expression, decimal_separator) }}
    end
{%- endmacro %}
