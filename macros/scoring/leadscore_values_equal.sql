{#- The contract's equality of a lead's value and an operand: as text, case-insensitively
    (both are trimmed already), or numerically when the lead's field is one of the contract's
    numeric fields (employee_count 50 eq "50.0"); number_a is null for every other field.
    int_lead_conditions_matched's listed_matches writes the same rule as two equi-joins
    (a comparison of every pair was too slow there): change both together. -#}
{% macro leadscore_values_equal(text_a, number_a, text_b, number_b) -%}
    (case
        when {{ number_a }} is not null and {{ number_b }} is not null then {{ number_a }} = {{ number_b }}
        else lower({{ text_a }}) = lower({{ text_b }})
    end)
{%- endmacro %}
