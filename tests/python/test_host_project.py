"""leadscore as a dbt package of an existing project (docs/dbt-package.md): a host project
with its own dbt_project.yml, packages.yml pointing at a copy of the checkout, its own seed
tables under its own names as the inputs, and a `staging` layer of its own. dbt builds both;
the scores are the README's worked example, computed by hand with the rules shipped in seeds/."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

import forked
from conftest import copy_project

HOST_PROJECT = """\
name: acme_analytics
version: "1.0.0"
config-version: 2
profile: acme

models:
  acme_analytics:
    staging:
      +schema: staging
      +materialized: view

vars:
  leadscore_input: tables
  leadscore_input_schema: main
  leadscore_input_tables: {leads: crm_leads, activities: crm_web_events}
  leadscore_as_of: "2026-06-30"
  leadscore_staging_schema: leadscore_staging
  leadscore_intermediate_schema: leadscore_intermediate
  leadscore_restricted_schema: leadscore_restricted

# leadscore's data tests name the tested relation in their `where` (its get_where_subquery)
dispatch:
  - macro_namespace: dbt
    search_order: ["acme_analytics", "leadscore", "dbt"]
"""

PROFILES = """\
acme:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: "{database}"
      threads: 2
      settings:
        TimeZone: UTC
"""


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The host project, built: its database file."""
    folder = tmp_path_factory.mktemp("host")
    package = copy_project(folder / "leadscore_checkout").root
    root = folder / "acme"
    database = folder / "acme.duckdb"
    write(root / "dbt_project.yml", HOST_PROJECT)
    write(root / "profiles.yml", PROFILES.format(database=database))
    write(root / "packages.yml", f"packages:\n  - local: {package}\n")
    write(root / "seeds" / "crm_leads.csv", """\
        lead_id,created_at,email,job_title,industry,employee_count
        L1,2026-01-10,ada@analytical.io,CTO,Software,1500
    """)
    write(root / "seeds" / "crm_web_events.csv", """\
        activity_id,lead_id,activity_type,occurred_at,url
        E1,L1,demo_request,2026-06-15,
        E2,L1,page_view,2026-06-27,/pricing
        E3,L1,page_view,2026-06-20,/pricing
    """)
    # the host's own staging layer, in a schema of the same custom name as leadscore's default
    write(root / "models" / "staging" / "stg_crm_leads.sql", "select lead_id, email from {{ ref('crm_leads') }}\n")
    env = {"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "HOME": str(root),
           "DBT_PROFILES_DIR": str(root), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}
    dbt = str(Path(sys.executable).parent / "dbt")
    for command in (["deps"], ["seed", "--select", "acme_analytics"],
                    ["build", "--exclude-resource-type", "unit_test", "--exclude", "crm_leads", "crm_web_events"]):
        ran = forked.run([dbt, *command], cwd=root, env=env)
        assert ran.returncode == 0, ran.stdout[-6000:] + ran.stderr[-3000:]
    return database


def query(database: Path, sql: str) -> list[tuple[object, ...]]:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return connection.sql(sql).fetchall()
    finally:
        connection.close()


def test_the_host_project_gets_the_worked_example_scores(host: Path) -> None:
    views = 0.5 ** (3 / 30) + 0.5 ** (10 / 30)
    expected = {
        "fit_c_level": 20, "fit_buying_function": 5, "fit_target_industry": 10, "fit_size_large": 10,
        "ent_senior_buyer": 5, "fit_business_email": 10, "eng_demo_request": 30 * 0.5 ** (15 / 60),
        "eng_pricing_page": 8 * views, "eng_page_view": 1 * views,
    }
    reasons = dict(query(host, "select rule_id, points from main.lead_score_reasons where model = 'lead'"))
    assert reasons == pytest.approx(expected, abs=1e-9)
    ((total, priority, stage),) = query(host, "select total_score, priority, lifecycle_stage from main.lead_scores")
    assert total == pytest.approx(sum(expected.values()), abs=1e-9)
    assert (priority, stage) == ("A2", "sql")


def test_the_layers_keep_out_of_the_host_schemas(host: Path) -> None:
    """The host's staging is dbt's default name (target schema + custom name, main_staging);
    leadscore's layers are the names the host's vars give them; the marts are in the
    target schema."""
    tables = set(query(host, "select table_schema, table_name from information_schema.tables"))
    assert ("main_staging", "stg_crm_leads") in tables
    assert ("leadscore_staging", "stg_leads") in tables
    assert ("leadscore_intermediate", "int_leads_deduplicated") in tables
    assert ("main", "lead_scores") in tables
    assert not {schema for schema, _ in tables} & {"staging", "intermediate", "restricted"}
