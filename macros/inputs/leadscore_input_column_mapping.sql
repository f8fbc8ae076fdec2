{#- Splits the input's columns into recognised contract columns and custom ones, by
    normalised name. A normalised name that repeats gets a numeric suffix (_2, _3 ...);
    a name that normalises to nothing becomes column_<position>. -#}
{% macro leadscore_input_column_mapping(table_name, columns) -%}
    {%- set contract = leadscore_input_contract(table_name) -%}
    {%- set recognised = {} -%}
    {%- set custom = [] -%}
    {%- set seen = [] -%}
    {%- set load_time = leadscore_normalize_column_name(var('leadscore_input_loaded_at_column') or '') if var('leadscore_input') == 'tables' else '' -%}
    {%- for original in columns if not (load_time and leadscore_normalize_column_name(original) == load_time) -%}
        {%- set normalized = leadscore_normalize_column_name(original) or ('column_' ~ loop.index) -%}
        {%- set ns = namespace(name=normalized, suffix=1) -%}
        {%- for _ in range(columns | length) if ns.name in seen -%}
            {%- set ns.suffix = ns.suffix + 1 -%}
            {%- set ns.name = normalized ~ '_' ~ ns.suffix -%}
        {%- endfor -%}
        {%- do seen.append(ns.name) -%}
        {%- if ns.name in contract.recognised -%}
            {%- do recognised.update({ns.name: original}) -%}
        {%- elif contract.has_custom_attributes -%}
            {%- do custom.append({'original': original, 'normalized': ns.name}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return({'recognised': recognised, 'custom': custom}) -}}
{%- endmacro %}
