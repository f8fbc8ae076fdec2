{#- The order in which the files of a folder of deliveries are read, and which of them this
    run judges. Each file gets a delivery_number: files already judged keep theirs (the
    event store's registry, int_activity_deliveries_judged); new files follow in name order.
    Without a registry to continue (a full build, --full-refresh, or a table the job reads
    whole every run: leads, outcomes, accounts) the files are numbered in name order and all
    are new. A judged file that changed (size or modification time) or disappeared stops the
    run, named: a delivery is never rewritten, and its rows are already judged.
    Returns {files (by delivery_number), numbers {path: n}, new_files}. -#}
{% macro leadscore_delivery_plan(table_name, layout) -%}
    {%- set judged = leadscore_judged_deliveries(table_name) -%}
    {%- set numbers = {} -%}
    {%- set new_files = [] -%}
    {%- if judged is none -%}
        {%- for path in layout.files -%}
            {%- do numbers.update({path: loop.index}) -%}
            {%- do new_files.append(path) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set present = {} -%}
        {%- if layout.files -%}
            {%- for row in run_query(leadscore_delivery_files_metadata(layout.files)).rows -%}
                {%- do present.update({row[0] | string: [row[1] | int, row[2] | string]}) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- set problems = [] -%}
        {%- set ns = namespace(last=0) -%}
        {%- for path, known in judged.items() -%}
            {%- set ns.last = [ns.last, known.number] | max -%}
            {%- if path not in present -%}
                {%- do problems.append(path ~ " is gone") -%}
            {%- elif present[path] != [known.bytes, known.modified_at] -%}
                {%- do problems.append(path ~ " changed (" ~ known.bytes ~ " bytes modified " ~ known.modified_at ~ " when judged, now "
                    ~ present[path][0] ~ " bytes modified " ~ present[path][1] ~ ")") -%}
            {%- else -%}
                {%- do numbers.update({path: known.number}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error("leadscore: input table '" ~ table_name ~ "': a delivery judged by an earlier run "
                ~ problems | join('; ') ~ ". Deliveries must not be rewritten or removed: their rows are already in the event store. "
                ~ "Restore the file, or run with FULL_REFRESH=1 (dbt: --full-refresh) to judge every file again.") }}
        {%- endif -%}
        {%- for path in layout.files if path not in judged -%}
            {%- set ns.last = ns.last + 1 -%}
            {%- do numbers.update({path: ns.last}) -%}
            {%- do new_files.append(path) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set ordered = [] -%}
    {%- for path, number in numbers.items() | sort(attribute='1') -%}
        {%- do ordered.append(path) -%}
    {%- endfor -%}
    {{- return({'files': ordered, 'numbers': numbers, 'new_files': new_files}) -}}
{%- endmacro %}
