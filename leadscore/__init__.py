"""leadscore's Python side: the jobs around the dbt project (the engine) and the
`leadscore` command (leadscore/cli.py)."""

__version__ = "0.1.0"
