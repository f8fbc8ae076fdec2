{#- One line saying how an input table was found, for the job's log (dbt's debug log; the
    main job prints it): where it was read, or that it is absent; for a folder of
    deliveries, how many files and how many of them this run judges. -#}
{% macro leadscore_describe_input(table_name, source) -%}
    {%- set line = "leadscore: input " ~ table_name ~ ": " -%}
    {%- if not source.found -%}
        {{- return(line ~ "absent (nothing named " ~ table_name ~ " at " ~ source.location ~ ")") -}}
    {%- elif source.get('delivery_plan') -%}
        {%- set files = source.delivery_files | length -%}
        {%- set new = source.new_delivery_files | length -%}
        {{- return(line ~ "folder " ~ source.location ~ " of " ~ files ~ " delivery file(s), "
            ~ (new ~ " new" if new != files else "all read")) -}}
    {%- endif -%}
    {{- return(line ~ source.location) -}}
{%- endmacro %}
