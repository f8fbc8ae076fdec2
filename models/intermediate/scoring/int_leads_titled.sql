{#- Each lead's job_title as of as_of (the profile version int_leads_as_of picked) with the
    two fields derived from it by the job_title_patterns seed: job_seniority and
    job_function. Per attribute, the matching pattern with the lowest priority wins (ties
    by pattern, then value); no match, or no title, gives 'unknown'. The patterns are data,
    searched case-insensitively in the lower-cased title, never pasted into SQL. Each
    pattern is tried once per distinct title (titles repeat across leads). -#}
with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_lead_versions as (

    select * from {{ ref('int_lead_versions') }}

),

stg_job_title_patterns as (

    select * from {{ ref('stg_job_title_patterns') }}

),

lead_titles as (

    select
        int_leads_as_of.lead_id,
        int_lead_versions.job_title,
        lower(int_lead_versions.job_title) as title_text
    from int_leads_as_of
    inner join int_lead_versions
        on int_leads_as_of.version_row_number = int_lead_versions.raw_row_number

),

-- materialized: the patterns meet each distinct title once, not each lead
distinct_titles as {{ leadscore_cte_hint('materialized') }}(

    select distinct title_text
    from lead_titles
    where title_text is not null

),

title_matches as (

    select
        distinct_titles.title_text,
        stg_job_title_patterns.attribute,
        stg_job_title_patterns.value,
        row_number() over (
            partition by distinct_titles.title_text, stg_job_title_patterns.attribute
            order by
                stg_job_title_patterns.priority,
                stg_job_title_patterns.pattern,
                stg_job_title_patterns.value
        ) as preference
    from distinct_titles
    cross join stg_job_title_patterns
    where {{ leadscore_regex_search('distinct_titles.title_text', 'stg_job_title_patterns.pattern') }}

),

title_fields as (

    select
        title_text,
        max(case when attribute = 'seniority' then value end) as job_seniority,
        max(case when attribute = 'function' then value end) as job_function
    from title_matches
    where preference = 1
    group by title_text

)

select
    lead_titles.lead_id,
    lead_titles.job_title,
    coalesce(title_fields.job_seniority, 'unknown') as job_seniority,
    coalesce(title_fields.job_function, 'unknown') as job_function
from lead_titles
left join title_fields
    on lead_titles.title_text = title_fields.title_text
