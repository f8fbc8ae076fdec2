{#- The combinations of `columns` that occur more than once in `model`, with their count:
    the failing rows of a compound-key uniqueness test. -#}
{% macro leadscore_duplicate_combinations(model, columns) -%}
select
    {{ columns | join(', ') }},
    count(*) as occurrences
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1
{%- endmacro %}
