"""The inputs of a run and where each one's Markdown goes, refused when that cannot work.

Every check here runs before any file is read or written: a usage error never leaves half a run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from md_convert.cli.files import STDIN, discover, is_same_file
from md_convert.cli.one_input import Plan, Task, output_path
from md_convert.cli.settings import RunSettings, UsageProblem


def gather_tasks(run: RunSettings) -> list[Task]:
    """The inputs named, directories expanded; standard input read now, so that a worker can take it."""
    inputs = list(run.inputs)
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageProblem("no input given (name files or directories, or pipe a post into md-convert -)")
        inputs = [STDIN]
    if inputs.count(STDIN) > 1:
        raise UsageProblem("standard input can be named only once")
    tasks = discovered_tasks(inputs, run.include, run.exclude)
    if not tasks:
        raise UsageProblem("no files matched the inputs and --include/--exclude patterns")
    return [task._replace(data=sys.stdin.buffer.read()) if task.source == STDIN else task for task in tasks]


def discovered_tasks(inputs: Sequence[str], include: Sequence[str], exclude: Sequence[str]) -> list[Task]:
    """A task per input file, and per file found under an input directory (with that directory)."""
    return [Task(source, str(root) if root else None) for source, root in discover(inputs, include, exclude)]


def check_usage(tasks: list[Task], plan: Plan, run: RunSettings) -> list[Task]:
    """Refuse what cannot work; the tasks left once an .md that is its own .html's output is dropped."""
    files = [task for task in tasks if task.source != STDIN]
    for message in _combination_problems(tasks, files, plan, run):
        raise UsageProblem(message)
    _check_paths(plan, run, files)
    return _drop_own_outputs(tasks, plan)


def _combination_problems(tasks: list[Task], files: list[Task], plan: Plan, run: RunSettings) -> Iterator[str]:
    if plan.output is not None and (len(tasks) > 1 or _has_another_target(plan)):
        yield "-o/--output takes exactly one input and no --output-dir/--in-place"
    if plan.output_dir is not None and plan.in_place:
        yield "choose either --output-dir or --in-place"
    if plan.to_stdout and len(tasks) > 1:
        yield "several inputs need --output-dir, --in-place, --check or --diff"
    if run.hook and len(files) < len(tasks):
        yield "--hook takes files, not standard input"


def _has_another_target(plan: Plan) -> bool:
    return plan.output_dir is not None or plan.in_place


def _check_paths(plan: Plan, run: RunSettings, files: list[Task]) -> None:
    """Output paths that are folders where files go (or files where folders go), an output that is
    its own input, a report that cannot be written."""
    if plan.output is not None:
        _check_output_file(plan.output, files)
    for flag, folder in (("--output-dir", plan.output_dir), ("--image-dir", plan.images and plan.images.image_dir)):
        if isinstance(folder, Path) and folder.exists() and not folder.is_dir():
            raise UsageProblem(f"{flag} {folder} is a file, not a directory")
    if run.report is not None:
        _check_report_path(run.report)


def _check_output_file(output: Path, files: list[Task]) -> None:
    if output.is_dir():
        raise UsageProblem(f"-o/--output {output} is a directory (use --output-dir for a folder)")
    if files and is_same_file(output, files[0].source):
        raise UsageProblem(f"the output {output} is the input itself (use --in-place to rewrite it)")


def _check_report_path(report: Path) -> None:
    if report.is_dir():
        raise UsageProblem(f"--report {report} is a directory")
    folder = report.parent
    if not folder.is_dir():
        raise UsageProblem(f"--report {report}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK) or (report.exists() and not os.access(report, os.W_OK)):
        raise UsageProblem(f"--report {report} cannot be written (permission denied)")


def _drop_own_outputs(tasks: list[Task], plan: Plan) -> list[Task]:
    """No output may overwrite an input by accident, and no two inputs may share one output
    (in-place, `post.md` beside `post.html` is that post's own output and is skipped)."""
    if not _has_another_target(plan):
        return tasks
    kept = list(tasks)
    seen: dict[Path, Task] = {}
    for task in tasks:
        if task.source == STDIN:
            continue
        target = _target_of(task, plan)
        key = target.resolve()
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = task
        elif plan.in_place and is_same_file(target, task.source):
            kept.remove(task)  # the .md written from its .html: converting the .html covers it
        elif plan.in_place and is_same_file(target, earlier.source):
            kept.remove(earlier)
            seen[key] = task
        else:
            raise UsageProblem(f"{earlier.source} and {task.source} would both be written to {target}")
    return kept


def _target_of(task: Task, plan: Plan) -> Path:
    target = output_path(task.source, Path(task.root) if task.root else None, plan)
    if plan.output_dir is not None and is_same_file(target, task.source):
        raise UsageProblem(f"--output-dir would overwrite the input {task.source} (use --in-place to rewrite it)")
    return target
