"""What a calibration run is told, and the refusal it raises when the data cannot support it."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path

from leadscore.project import TARGET_DIR


class CalibrationRefused(SystemExit):
    """The data cannot support a calibration; the message says why and what is needed."""

    def __init__(self, message: str) -> None:
        super().__init__(f"leadscore calibrate: {message}")


@dataclass
class Settings:
    dbt_vars: dict[str, object]
    out: Path
    train_share: float
    split_date: str | None
    age_days: int | None  # None: chosen from the data (labels.choose_scoring_moment)
    horizon_days: int
    min_conversions: int
    min_support: int
    points_to_double_odds: float
    per_segment: bool
    min_segment_conversions: int
    mql_lift: float
    sql_lift: float
    write_seeds: bool

    @property
    def workspace(self) -> Path:
        """The engine's copies and databases, one folder per OUT: calibrations into different
        folders may run at once."""
        return TARGET_DIR / "calibrate" / hashlib.sha1(str(self.out).encode()).hexdigest()[:12]

    @property
    def points_per_log_odds(self) -> float:
        return self.points_to_double_odds / math.log(2)


@dataclass
class Report:
    """backtest.md's lines, printed as they are added."""

    lines: list[str] = field(default_factory=list)

    def add(self, text: str = "") -> None:
        self.lines.append(text)
        print(text)
