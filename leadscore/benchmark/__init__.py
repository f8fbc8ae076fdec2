"""Benchmarks: printed tables, never timed tests. `speed` times the main job and the dbt
builds at sizes S, M and L (`leadscore benchmark`, make benchmark); `calibration` runs
calibration with its defaults against scikit-learn baselines (make calibration-benchmark)."""

from leadscore.benchmark.speed import main

__all__ = ["main"]
