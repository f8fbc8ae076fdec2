{#- Every problem of the scoring_models seed: (model, problem). -#}
{% macro leadscore_scoring_model_problems(models) -%}
with models as (
    select * from {{ models }}
),

problems as (
    select coalesce(model, '(empty model)') as subject, 'population ' || coalesce('''' || population || '''', 'empty') || ' is not all, leads or customers' as problem
    from models where population is null or population not in ('all', 'leads', 'customers')
    union all
    select model, 'is listed more than once' from models group by model having count(*) > 1
    union all
    select 'lead', 'the main model scores every lead: its population must be all'
    from models where model = 'lead' and population != 'all'
)

select subject, problem from problems
{%- endmacro %}
