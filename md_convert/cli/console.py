"""Talk on stderr: error lines, --check findings, a progress bar on a terminal, the batch summary."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence

from md_convert.cli.outcomes import Outcome, Status, counts, error_line


class Reporter:
    """Everything md-convert says to a person; stdout is never touched here."""

    def __init__(self, *, quiet: bool, batch: bool, check: bool, verbose: bool = False) -> None:
        self.quiet, self.batch, self.check, self.verbose = quiet, batch, check, verbose and not quiet

    def outcome(self, outcome: Outcome) -> None:
        """Errors always; warnings and findings unless quiet; with --verbose, every file written."""
        if outcome.status is Status.FAILED:
            self._say(error_line(outcome))
        if self.quiet:
            return
        for warning in outcome.warnings:
            self._say(f"Warning: {outcome.source}: {' '.join(warning.split())}")
        news = _finding(outcome) if self.check else _news(outcome) if self.verbose else None
        if news:
            self._say(news)

    def say_exclusions(self, exclude: Sequence[str]) -> None:
        """--verbose: the patterns directories are filtered with, defaults included."""
        if self.verbose:
            self._say(f"excluding: {', '.join(exclude)}; and files git ignores")

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

    def summary(self, outcomes: Sequence[Outcome], seconds: float = 0.0) -> None:
        """The batch's table: files by result (`would convert` under --check), failed images, time."""
        if self.quiet or not self.batch:
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title="md-convert", title_justify="left")
        table.add_column("result")
        table.add_column("files", justify="right")
        for label, number in counts(outcomes).items():
            table.add_row("would convert" if self.check and label == Status.CONVERTED.value else label, str(number))
        table.add_row("total", str(len(outcomes)), style="bold")
        failed_images = sum(outcome.image_failures for outcome in outcomes)
        if failed_images:
            table.add_row("images not downloaded", str(failed_images))
        table.caption = f"{seconds:.1f} s"
        Console(stderr=True).print(table)

    @staticmethod
    def _say(line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()


def _finding(outcome: Outcome) -> str | None:
    """--check: the source that would change, and where its Markdown would go when elsewhere."""
    if not outcome.changed:
        return None
    elsewhere = outcome.output and outcome.output != outcome.source
    return f"would convert {outcome.source}" + (f" -> {outcome.output}" if elsewhere else "")


def _news(outcome: Outcome) -> str | None:
    """--verbose: every file written, and every input left as it was."""
    if outcome.written:
        return f"converted {outcome.source} -> {outcome.output}"
    if outcome.status is Status.FAILED or outcome.markdown:
        return None
    return f"{outcome.status.value}: {outcome.source}"


@contextlib.contextmanager
def download_bar() -> Iterator[Callable[[int], None] | None]:
    """A bar of the images downloaded for one post, on stderr."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("images"), BarColumn(), MofNCompleteColumn(), console=Console(stderr=True)) as bar:
        task = bar.add_task("images", total=None)

        def advance(total: int) -> None:
            bar.update(task, total=total, advance=1)

        yield advance
