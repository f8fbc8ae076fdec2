{#- Consent and other flags: true/false, yes/no, y/n, t/f, 1/0, on/off in any case;
    anything else is null (and flagged as a data-quality warning by the caller). -#}
{% macro leadscore_parse_boolean(column) -%}
    case
        when lower(trim({{ column }})) in ('true', 't', 'yes', 'y', '1', 'on') then true
        when lower(trim({{ column }})) in ('false', 'f', 'no', 'n', '0', 'off') then false
    end
{%- endmacro %}
