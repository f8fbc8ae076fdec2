{#- The input tables of docs/CONTRACT.md section 1 (and the optional erasure_requests, docs/personal-data.md "Erasure",
    sales_feedback and score_adjustments, docs/input-data.md):
    required and recognised columns, and whether other columns are kept as custom attributes. One place, used by the base
    models, the staging models and the tests. -#}
{% macro leadscore_input_contract(table_name) -%}
    {%- set contract = {
        'leads': {
            'required': ['lead_id', 'created_at'],
            'recognised': [
                'lead_id', 'created_at', 'updated_at', 'email', 'first_name', 'last_name',
                'phone', 'company', 'job_title', 'industry', 'country', 'city',
                'lead_source', 'account_id', 'employee_count', 'annual_revenue',
                'do_not_email', 'do_not_call'
            ],
            'personal': ['email', 'first_name', 'last_name', 'phone'],
            'has_custom_attributes': true,
            'is_required_table': true
        },
        'activities': {
            'required': ['lead_id', 'activity_type', 'occurred_at'],
            'recognised': [
                'activity_id', 'lead_id', 'activity_type', 'occurred_at', 'url',
                'campaign', 'channel'
            ],
            'has_custom_attributes': false,
            'is_required_table': false
        },
        'outcomes': {
            'required': ['lead_id', 'outcome'],
            'recognised': ['lead_id', 'outcome', 'outcome_at', 'amount'],
            'has_custom_attributes': false,
            'is_required_table': false
        },
        'accounts': {
            'required': ['account_id'],
            'recognised': [
                'account_id', 'name', 'domain', 'industry', 'country',
                'employee_count', 'annual_revenue'
            ],
            'has_custom_attributes': true,
            'is_required_table': false
        },
        'sales_feedback': {
            'required': ['lead_id', 'feedback_at', 'rating'],
            'recognised': ['lead_id', 'feedback_at', 'rating', 'reason', 'author_id'],
            'has_custom_attributes': false,
            'is_required_table': false
        },
        'score_adjustments': {
            'required': ['adjustment_id', 'lead_id', 'effective_at', 'mode', 'dimension', 'points'],
            'recognised': [
                'adjustment_id', 'lead_id', 'effective_at', 'expires_at', 'mode', 'dimension',
                'points', 'reason'
            ],
            'has_custom_attributes': false,
            'is_required_table': false
        },
        'erasure_requests': {
            'required': [],
            'required_one_of': ['lead_id', 'email'],
            'recognised': ['lead_id', 'email'],
            'has_custom_attributes': false,
            'is_required_table': false
        }
    } -%}
    {%- if table_name not in contract -%}
        {{ exceptions.raise_compiler_error("leadscore: unknown input table '" ~ table_name ~ "'") }}
    {%- endif -%}
    {{- return(contract[table_name]) -}}
{%- endmacro %}
