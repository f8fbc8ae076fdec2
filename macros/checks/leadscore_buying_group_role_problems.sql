{#- Every problem of the buying_group_roles seed, one row each: (role condition, problem).
    The conditions are those of segments.csv, checked the same way (leadscore_condition_problems).
    Used by the test valid_buying_group_roles, which stops the build before any condition is
    evaluated. -#}
{% macro leadscore_buying_group_role_problems(roles) -%}
with roles as (
    select
        *,
        coalesce(condition_id, '(a row with an empty role)') as role_label
    from {{ roles }}
),

problems as (
    select role_label as subject, 'role is empty' as problem from roles where role is null
    union all
    select role_label, 'a role name may not hold a comma (roles_covered and roles_missing list them comma-separated)'
    from roles where {{ leadscore_text_contains('role', "','") }}
    union all
    {{ leadscore_condition_problems('roles', 'role_label') }}
)

select subject, problem from problems
{%- endmacro %}
