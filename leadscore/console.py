"""What the jobs print, for a person or for a scheduler.

In a terminal, lines go out as they are. Anywhere else (a log file, a pipe) colour and
cursor codes are removed, whoever wrote them (dbt, Great Expectations, a progress bar).
With `--log-format json` (LEADSCORE_LOG_FORMAT=json) every line becomes one JSON object:
dbt's own JSON log lines pass through, the jobs' lines get a timestamp, a level and, for
the step lines ("leadscore: step build ok in 14.2 s"), the step, its status and seconds.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

LOG_FORMAT_ENV = "LEADSCORE_LOG_FORMAT"
LOG_FORMATS = ("text", "json")
# CSI sequences (colours, cursor moves) and the two-character escapes
ESCAPE_CODES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
STEP_LINE = re.compile(r"leadscore: step (?P<step>.+?) (?P<status>ok|failed) (?:in|after) (?P<seconds>[0-9.]+) s$")


def json_logs() -> bool:
    return os.environ.get(LOG_FORMAT_ENV, "text") == "json"


def plain(text: str) -> str:
    """The text without escape codes; a carriage return keeps only what was written last."""
    return ESCAPE_CODES.sub("", text).rsplit("\r", 1)[-1]


def json_line(line: str, level: str) -> str:
    """One JSON object for one line of output (a JSON object already is left as it is)."""
    if line.startswith("{"):
        try:
            if isinstance(json.loads(line), dict):
                return line
        except ValueError:
            pass
    record: dict[str, Any] = {
        "ts": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "level": level,
        "logger": "leadscore",
        "msg": line,
    }
    step = STEP_LINE.search(line)
    if step:
        record.update(step=step["step"], status=step["status"], seconds=float(step["seconds"]))
    return json.dumps(record, ensure_ascii=False)


class LineWriter(io.TextIOBase):
    """A text stream that rewrites each complete line (plain text, or JSON) before it passes it on."""

    def __init__(self, stream: TextIO, level: str, as_json: bool) -> None:
        super().__init__()
        self.stream, self.level, self.as_json = stream, level, as_json
        self.pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            self._emit(line)
        return len(text)

    def _emit(self, line: str) -> None:
        line = plain(line)
        if self.as_json:
            if line.strip():
                self.stream.write(json_line(line.strip(), self.level) + "\n")
        else:
            self.stream.write(line + "\n")

    def flush(self) -> None:
        self.stream.flush()

    def close(self) -> None:
        if self.pending:
            self._emit(self.pending)
            self.pending = ""
        self.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8")


def install(log_format: str | None = None) -> None:
    """Routes this process's stdout and stderr through LineWriter unless they are a terminal
    showing text; `log_format` (text or json) is also passed on to child processes."""
    if log_format is not None:
        os.environ[LOG_FORMAT_ENV] = log_format
    as_json = json_logs()
    for name, level in (("stdout", "info"), ("stderr", "error")):
        stream = getattr(sys, name)
        if isinstance(stream, LineWriter) or (stream.isatty() and not as_json):
            continue
        setattr(sys, name, LineWriter(stream, level, as_json))
