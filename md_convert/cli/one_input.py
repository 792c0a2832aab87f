"""One input, start to finish: read, decode, convert, then write, check or diff its output."""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from md_convert.atomic_write import write_atomically
from md_convert.cli.files import STDIN, is_same_file, markdown_name, mirrored_output, read_text_if_exists
from md_convert.cli.outcomes import Outcome, Status
from md_convert.errors import ConversionError
from md_convert.options import ConvertOptions
from md_convert.pipeline import convert_post
from md_convert.post.decoding import decode_bytes

if TYPE_CHECKING:
    from md_convert.images.localize import ImagePlan  # the download machinery loads only when a run asks for it


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

    @property
    def to_stdout(self) -> bool:
        return self.output is None and self.output_dir is None and not self.in_place and self.write and not self.diff


def run_one(source: str, root: str | None, plan: Plan, data: bytes | None = None) -> Outcome:
    """Convert one input under the plan; every failure becomes an Outcome, never an exception."""
    started = time.perf_counter()
    try:
        outcome = _convert(source, Path(root) if root else None, plan, data)
    except ConversionError as error:
        outcome = Outcome(source, Status.FAILED, error=str(error))
    except OSError as error:
        outcome = Outcome(source, Status.FAILED, error=_describe_os_error(error, source))
    outcome.seconds = time.perf_counter() - started
    return outcome


def _convert(source: str, root: Path | None, plan: Plan, data: bytes | None) -> Outcome:
    if data is None:
        data = Path(source).read_bytes()
    text = decode_bytes(data)
    converted = convert_post(text, plan.options)
    markdown, is_html = converted.markdown, converted.was_html
    warning = _verify(text, markdown, plan) if is_html and plan.verify else None
    if warning and plan.strict:
        raise ConversionError(warning)
    if plan.to_stdout:
        markdown, problems, linked = _localize(markdown, is_html, Path.cwd() / markdown_name(Path(_stem(source))), plan)
        return Outcome(source, _status(is_html, changed=True), markdown=markdown,
                       warning=_join(warning, problems), image_failures=len(problems), images_linked=linked)
    target = output_path(source, root, plan)
    markdown, problems, linked = _localize(markdown, is_html, target, plan)
    warning = _join(warning, problems)
    if plan.write and not plan.in_place and is_same_file(target, source):
        raise ConversionError(f"the output {target} is the input itself (use --in-place to rewrite it)")
    current = read_text_if_exists(target)
    changed = current != markdown
    outcome = Outcome(source, _status(is_html, changed), output=str(target), changed=changed, warning=warning,
                      image_failures=len(problems), images_linked=linked)
    if plan.diff and changed:
        outcome.diff = _unified_diff(current or "", markdown, str(target))
    if plan.write and changed:
        write_atomically(target, markdown)
    if plan.write and plan.remove_source and source not in (STDIN, str(target)):
        Path(source).unlink()
    return outcome


def _localize(markdown: str, is_html: bool, where: Path, plan: Plan) -> tuple[str, list[str], int]:
    if plan.images is None or not is_html:
        return markdown, [], 0
    from md_convert.images.localize import localize_images

    return localize_images(markdown, where, plan.images, dry_run=not plan.write)


def _stem(source: str) -> str:
    return "stdin.md" if source == STDIN else Path(source).name


def _join(warning: str | None, problems: list[str]) -> str | None:
    return "; ".join([*([warning] if warning else []), *problems]) or None


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
