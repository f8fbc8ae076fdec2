{#- Folds every run of white space in a text expression to one space. -#}
{% macro leadscore_fold_whitespace(expression) -%}
    {{ return(adapter.dispatch('leadscore_fold_whitespace', 'leadscore')(expression)) }}
{%- endmacro %}

{% macro default__leadscore_fold_whitespace(expression) -%}
    regexp_replace({{ expression }}, '\s+', ' ', 'g')
{%- endmacro %}

{% macro spark__leadscore_fold_whitespace(expression) -%}
    regexp_replace({{ expression }}, '\\s+', ' ')
{%- endmacro %}

{#- The regex runs only on text that has something to fold: two spaces in a row or a tab,
    newline, form feed or carriage return (RE2's \s is [\t\n\f\r ]). Same result, and most
    values skip the regex. -#}
{% macro duckdb__leadscore_fold_whitespace(expression) -%}
    case
        when strpos({{ expression }}, '  ') > 0
            or strpos({{ expression }}, chr(9)) > 0
            or strpos({{ expression }}, chr(10)) > 0
            or strpos({{ expression }}, chr(12)) > 0
            or strpos({{ expression }}, chr(13)) > 0
            then regexp_replace({{ expression }}, '\s+', ' ', 'g')
        else {{ expression }}
    end
{%- endmacro %}
