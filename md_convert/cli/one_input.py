"""One input, start to finish: read, decode, convert, then write, check or diff its output."""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from md_convert.atomic_write import write_atomically
from md_convert.cli.console import download_bar
from md_convert.cli.files import STDIN, is_same_file, markdown_name, mirrored_output, read_text_if_exists
from md_convert.cli.outcomes import Outcome, Status
from md_convert.errors import ConversionError
from md_convert.images.localize import ImagePlan, Localized, localize_images  # light: downloads load on use
from md_convert.options import ConvertOptions
from md_convert.pipeline import ConvertedPost, convert_post
from md_convert.post.decoding import decode_bytes


@dataclass(frozen=True)
class Plan:
    """What to do with every converted post; the same for the whole run."""

    options: ConvertOptions
    write: bool = True
    diff: bool = False
    output: Path | None = None
    output_dir: Path | None = None
    in_place: bool = False
    remove_source: bool = False
    verify: bool = False
    strict: bool = False
    images: ImagePlan | None = None
    image_bar: bool = False
    """Show a bar of the image downloads (one post, on a terminal: a batch's workers would draw over each other)."""

    @property
    def to_stdout(self) -> bool:
        return self.output is None and self.output_dir is None and not self.in_place and self.write and not self.diff

    @property
    def output_is_the_only_copy(self) -> bool:
        """The Markdown written replaces its post (in place), or its source is removed: it must be durable."""
        return self.in_place or self.remove_source


class Task(NamedTuple):
    """One input: a file (with the directory it was found under, for --output-dir) or stdin's bytes."""

    source: str
    root: str | None = None
    data: bytes | None = None


def run_one(task: Task, plan: Plan) -> Outcome:
    """Convert one input under the plan; every failure becomes an Outcome, never an exception."""
    started = time.perf_counter()
    try:
        outcome = _convert(task, plan)
    except ConversionError as error:
        outcome = Outcome(task.source, Status.FAILED, error=str(error))
    except OSError as error:
        outcome = Outcome(task.source, Status.FAILED, error=_describe_os_error(error, task.source))
    outcome.seconds = time.perf_counter() - started
    return outcome


def _convert(task: Task, plan: Plan) -> Outcome:
    text = decode_bytes(Path(task.source).read_bytes() if task.data is None else task.data)
    converted = convert_post(text, plan.options)
    loss = _verify(text, converted.markdown, plan) if converted.was_html and plan.verify else None
    if loss and plan.strict:
        raise ConversionError(loss)
    if plan.to_stdout or (task.source == STDIN and plan.output is None):
        outcome = _to_stdout(task.source, text, converted, plan)
    else:
        outcome = _to_file(task, converted, plan)
    outcome.warnings[:0] = [loss] if loss else []
    return outcome


def _to_file(task: Task, converted: ConvertedPost, plan: Plan) -> Outcome:
    """The Markdown compared with what is at its target, and written there if the plan writes."""
    target = output_path(task.source, Path(task.root) if task.root else None, plan)
    if plan.write and not plan.in_place and is_same_file(target, task.source):
        raise ConversionError(f"the output {target} is the input itself (use --in-place to rewrite it)")
    localized = _localize(converted, target, plan)
    outcome = _compared_with_disk(task.source, target, converted.was_html, localized.markdown, plan)
    outcome.warnings, outcome.images_linked = list(localized.failures), localized.linked
    outcome.image_failures = len(localized.failures)
    if plan.write and outcome.changed:
        write_atomically(target, localized.markdown, durable=plan.output_is_the_only_copy)
        outcome.written = True
    if plan.write and plan.remove_source and task.source != str(target):
        Path(task.source).unlink()
    return outcome


def _to_stdout(source: str, text: str, converted: ConvertedPost, plan: Plan) -> Outcome:
    """The Markdown (or its diff from the input) goes to stdout; images, if fetched, beside the
    working directory. It changes when it differs from the input."""
    localized = _localize(converted, Path.cwd() / markdown_name(Path(_stem(source))), plan)
    changed = localized.markdown != text
    outcome = Outcome(source, _status(converted.was_html, changed=True), changed=changed,
                      warnings=list(localized.failures), image_failures=len(localized.failures),
                      images_linked=localized.linked)
    if plan.write:
        outcome.markdown = localized.markdown
    elif plan.diff and changed:
        outcome.diff = _unified_diff(text, localized.markdown, source)
    return outcome


def _compared_with_disk(source: str, target: Path, was_html: bool, markdown: str, plan: Plan) -> Outcome:
    """The outcome of writing `markdown` to `target`: changed or not, and its diff when asked for."""
    current = read_text_if_exists(target)
    changed = current != markdown
    outcome = Outcome(source, _status(was_html, changed), output=str(target), changed=changed)
    if plan.diff and changed:
        outcome.diff = _unified_diff(current or "", markdown, str(target))
    return outcome


def _localize(converted: ConvertedPost, where: Path, plan: Plan) -> Localized:
    """The post with its images downloaded and linked locally, when the plan asks for it."""
    if plan.images is None or not converted.was_html:
        return Localized(converted.markdown, [])
    bar = download_bar if plan.image_bar else None
    return localize_images(converted.markdown, where, plan.images, dry_run=not plan.write, open_bar=bar)


def _stem(source: str) -> str:
    return "stdin.md" if source == STDIN else Path(source).name


def _verify(text: str, markdown: str, plan: Plan) -> str | None:
    from md_convert.verify import find_losses

    losses = find_losses(text, markdown, plan.options)
    return losses.describe() if losses else None


def _status(is_html: bool, changed: bool) -> Status:
    if not is_html:
        return Status.MARKDOWN
    return Status.CONVERTED if changed else Status.UNCHANGED


def output_path(source: str, root: Path | None, plan: Plan) -> Path:
    """Where the plan writes the Markdown of `source` (found under `root`, for --output-dir)."""
    if plan.output is not None:
        return plan.output
    if source == STDIN:
        raise ConversionError("standard input can only be written to stdout or -o FILE")
    if plan.output_dir is not None:
        return mirrored_output(Path(source), root, plan.output_dir)
    return markdown_name(Path(source))


def _unified_diff(before: str, after: str, name: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"{name} (current)", f"{name} (converted)"
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _describe_os_error(error: OSError, source: str) -> str:
    """The reason, and the file it concerns when that is not the input (an output, a folder)."""
    reason = error.strerror or str(error)
    if error.filename and str(error.filename) != source:
        return f"{reason}: {error.filename}"
    return reason
