{#- A pre-hook of every model: on Postgres the memory a sort or hash of the model's statement
    may use before spilling to disk (the var leadscore_postgres_work_mem, default 256MB), for
    the model's transaction only (`set local`): the server's default of 4MB sorted the event
    store's rows in external merges of 2 GB at S. The value is checked as a size before it
    is written into the statement. Nothing on the other engines, which size their memory
    themselves. -#}
{% macro leadscore_set_work_mem() -%}
    {{ return(adapter.dispatch('leadscore_set_work_mem', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_set_work_mem() -%}
{%- endmacro %}

{% macro postgres__leadscore_set_work_mem() -%}
    {%- set size = var('leadscore_postgres_work_mem') | string | trim -%}
    {%- if not modules.re.fullmatch('[0-9]+ ?(kB|MB|GB)', size) -%}
        {{ exceptions.raise_compiler_error(
            "leadscore_postgres_work_mem must be a size such as 256MB (kB, MB or GB), not '" ~ size ~ "'"
        ) }}
    {%- endif -%}
    set local work_mem = '{{ size }}'
{%- endmacro %}
