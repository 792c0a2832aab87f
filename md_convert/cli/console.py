"""Talk on stderr: error lines, --check findings, a progress bar on a terminal, the batch summary."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence

from md_convert.cli.outcomes import Outcome, Status, counts, error_line


class Reporter:
    """Everything md-convert says to a person; stdout is never touched here."""

    def __init__(self, *, quiet: bool, batch: bool, check: bool) -> None:
        self.quiet, self.batch, self.check = quiet, batch, check

    def outcome(self, outcome: Outcome) -> None:
        if outcome.status is Status.FAILED:
            self._say(error_line(outcome))
        if outcome.warning:
            self._say(f"Warning: {outcome.source}: {outcome.warning}")
        elif self.check and outcome.changed:
            self._say(f"would convert {outcome.output or outcome.source}")

    @contextlib.contextmanager
    def progress(self, total: int) -> Iterator[Callable[[Outcome], None]]:
        """A rich progress bar when stderr is a terminal and there is a batch; otherwise nothing.

        In a batch, images are downloaded inside the worker processes: the bar counts the images each
        finished post has linked locally."""
        if self.quiet or not self.batch or not sys.stderr.isatty():
            yield lambda outcome: None
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        columns = (TextColumn("converting"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]}"), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("converting", total=total, rate="")
            images = 0

            def advance(outcome: Outcome) -> None:
                nonlocal images
                images += outcome.images_linked
                bar.advance(task)
                speed = bar.tasks[0].speed
                rate = f"{speed:.0f} files/s" if speed else ""
                bar.update(task, rate=f"{rate} · {images} images" if images else rate)

            yield advance

    def summary(self, outcomes: Sequence[Outcome]) -> None:
        if self.quiet or not self.batch:
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title="md-convert", title_justify="left")
        table.add_column("result")
        table.add_column("files", justify="right")
        for label, number in counts(outcomes).items():
            table.add_row(label, str(number))
        table.add_row("total", str(len(outcomes)), style="bold")
        Console(stderr=True).print(table)

    @staticmethod
    def _say(line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
