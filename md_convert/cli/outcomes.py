"""Outcomes of a run: what happened to each input, the summary, the exit code, the JSON report."""

from __future__ import annotations

import enum
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

EXIT_OK, EXIT_CHANGED, EXIT_USAGE, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 2, 123, 130


class Status(str, enum.Enum):
    CONVERTED = "converted"
    UNCHANGED = "unchanged"
    MARKDOWN = "already Markdown"
    FAILED = "failed"


@dataclass
class Outcome:
    """What happened to one input. `changed`: its output differs (or would differ) from what is on disk."""

    source: str
    status: Status
    output: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    """One line each: a loss --verify found, an image not downloaded."""
    changed: bool = False
    written: bool = False
    image_failures: int = 0
    images_linked: int = 0
    seconds: float = 0.0
    markdown: str | None = None
    diff: str | None = None


def error_line(outcome: Outcome) -> str:
    """`Error: <path>: <reason>` on one line."""
    reason = " ".join(str(outcome.error).split())
    return f"Error: {outcome.source}: {reason}"


def exit_code(outcomes: Sequence[Outcome], *, changes_fail: bool, images_fail: bool = False) -> int:
    """123 if any input failed (or, with --strict-images, an image); else 1 if changes count as
    failure (--check, --hook) and there were some; else 0."""
    if any(o.status is Status.FAILED or (images_fail and o.image_failures) for o in outcomes):
        return EXIT_FAILED
    if changes_fail and any(o.changed for o in outcomes):
        return EXIT_CHANGED
    return EXIT_OK


def counts(outcomes: Sequence[Outcome]) -> dict[str, int]:
    tally = Counter(o.status for o in outcomes)
    return {status.value: tally.get(status, 0) for status in Status}


def record(outcome: Outcome) -> dict[str, object]:
    """What the JSON report says of one input (the Markdown and diff themselves are not kept)."""
    kept = {key: value for key, value in asdict(outcome).items() if key not in ("markdown", "diff", "written")}
    return kept | {"status": outcome.status.value}


def write_json_report(path: Path, outcomes: Sequence[Outcome]) -> None:
    """One record per input, for scripts."""
    records = [record(o) for o in outcomes]
    path.write_text(json.dumps({"summary": counts(outcomes), "files": records}, ensure_ascii=False, indent=1) + "\n",
                    encoding="utf-8")
