{#- True when a regex held in a column compiles on this engine; engines that cannot check
    it in SQL say true here and fail on first use instead. -#}
{% macro leadscore_regex_compiles(pattern_expression) -%}
    {{ return(adapter.dispatch('leadscore_regex_compiles', 'leadscore')(pattern_expression)) }}
{%- endmacro %}

{% macro default__leadscore_regex_compiles(pattern_expression) -%}
    true
{%- endmacro %}

{% macro duckdb__leadscore_regex_compiles(pattern_expression) -%}
    (try(regexp_matches('', {{ pattern_expression }})) is not null)
{%- endmacro %}

{% macro postgres__leadscore_regex_compiles(pattern_expression) -%}
    {{ adapter.quote(target.schema) }}.leadscore_regex_compiles({{ leadscore_engine_regex(pattern_expression) }})
{%- endmacro %}
