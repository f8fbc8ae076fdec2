{#- A rule's points for one lead within its cap: max_points bounds the magnitude, whichever
    sign the points have (null max_points: no cap). Both arguments are SQL expressions. -#}
{% macro leadscore_capped_points(points, max_points) -%}
    case
        when {{ max_points }} is null then {{ points }}
        when {{ points }} > {{ max_points }} then {{ max_points }}
        when {{ points }} < -{{ max_points }} then -{{ max_points }}
        else {{ points }}
    end
{%- endmacro %}
