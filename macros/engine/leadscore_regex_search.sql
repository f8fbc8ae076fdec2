{#- Case-insensitive regex search (not a full match) with a pattern that is data, held in a
    column: analysts' patterns are compared, never spliced into SQL text. -#}
{% macro leadscore_regex_search(text_expression, pattern_expression) -%}
    {{ return(adapter.dispatch('leadscore_regex_search', 'leadscore')(text_expression, pattern_expression)) }}
{%- endmacro %}

{% macro default__leadscore_regex_search(text_expression, pattern_expression) -%}
    ({{ text_expression }} ~* {{ leadscore_engine_regex(pattern_expression) }})
{%- endmacro %}

{% macro duckdb__leadscore_regex_search(text_expression, pattern_expression) -%}
    regexp_matches({{ text_expression }}, {{ pattern_expression }}, 'i')
{%- endmacro %}

{% macro spark__leadscore_regex_search(text_expression, pattern_expression) -%}
    ({{ text_expression }} rlike concat('(?i)', {{ pattern_expression }}))
{%- endmacro %}
