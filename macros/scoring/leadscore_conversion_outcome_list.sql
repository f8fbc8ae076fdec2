{#- The var leadscore_conversion_outcomes as quoted, code-normalised literals (outcomes are stored as
    lower-case codes in staging, so "Won" in the var matches `won`). -#}
{% macro leadscore_conversion_outcome_list() -%}
    {%- set codes = [] -%}
    {%- for outcome in var('leadscore_conversion_outcomes') -%}
        {%- do codes.append(modules.re.sub('[^a-z0-9]+', '_', outcome | string | lower).strip('_')) -%}
    {%- endfor -%}
    {%- if codes | length == 0 -%}
        {{ exceptions.raise_compiler_error("leadscore: the var leadscore_conversion_outcomes is empty; name at least one outcome that counts as a conversion") }}
    {%- endif -%}
    {{- leadscore_string_literal_list(codes) -}}
{%- endmacro %}
