{#- The scoring time as a timestamp literal: the var leadscore_as_of (a date means its midnight),
    or the run's start (UTC) when it is not set. Everything later is ignored. -#}
{% macro leadscore_as_of() -%}
    {%- set value = var('leadscore_as_of', none) -%}
    {%- if value is none or (value | string | trim) == '' -%}
        {{ leadscore_run_started_at() }}
    {%- else -%}
        {#- a trailing Z means UTC, which is what every time here is in -#}
        {%- set text = (value | string | trim).rstrip('Zz') -%}
        {%- if not modules.re.match('^\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?)?$', text) -%}
            {{ exceptions.raise_compiler_error("leadscore: as_of '" ~ text ~ "' is not a date or timestamp (use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS, in UTC)") }}
        {%- endif -%}
        cast({{ leadscore_string_literal(text | replace('T', ' ')) }} as {{ dbt.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}
