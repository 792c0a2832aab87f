"""The command line: parse options, gather inputs, run, report. All conversion lives in the core."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .batch import run_all
from .config import ConfigError, load_config, options_from
from .console import Reporter
from .files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, STDIN, discover
from .jobs import Plan, run_one
from .report import EXIT_INTERRUPTED, EXIT_USAGE, Outcome, exit_code

app = typer.Typer(add_completion=False, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})


class UsageProblem(Exception):
    """A combination of options or inputs that cannot work; exit code 2."""


@app.command()
def convert(
    inputs: Annotated[Optional[list[str]], typer.Argument(help="Files, directories, or - for stdin.", show_default=False)] = None,
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="Write the result to FILE (one input).")] = None,
    output_dir: Annotated[Optional[Path], typer.Option("--output-dir", help="Write results under DIR, mirroring the input tree.")] = None,
    in_place: Annotated[bool, typer.Option("--in-place", help="Rewrite each post; an .html post gets an .md beside it.")] = False,
    remove_source: Annotated[bool, typer.Option("--remove-source", help="With --in-place: delete an .html source once its .md is written.")] = False,
    check: Annotated[bool, typer.Option("--check", help="Write nothing; list files that would change; exit 1 if any.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print a unified diff of each change on stdout.")] = False,
    hook: Annotated[bool, typer.Option("--hook", help="Pre-commit mode: --in-place, exit 1 when a file was rewritten.")] = False,
    jobs: Annotated[Optional[int], typer.Option("-j", "--jobs", min=1, help="Parallel processes (default: CPU count).")] = None,
    include: Annotated[Optional[list[str]], typer.Option("--include", help="Glob of files a directory contributes (repeatable).")] = None,
    exclude: Annotated[Optional[list[str]], typer.Option("--exclude", help="Glob of files or folders to skip (repeatable).")] = None,
    quiet: Annotated[bool, typer.Option("-q", "--quiet", help="No progress bar or summary; errors only.")] = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first file that fails.")] = False,
    report: Annotated[Optional[Path], typer.Option("--report", help="Write a JSON record per input to FILE.")] = None,
    plugin_placeholders: Annotated[bool, typer.Option("--plugin-placeholders", help="Render WeChat plugins as a one-line note instead of dropping them.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    """Convert front-matter HTML posts (WeChat, RSS archives) to clean Markdown."""
    if version:
        sys.stdout.write(f"md-convert {__version__}\n")
        raise typer.Exit(0)
    try:
        code = _convert(**locals())
    except (UsageProblem, ConfigError) as problem:
        sys.stderr.write(f"Error: {problem}\n")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: files already written are complete; run again to finish.\n")
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


def _convert(
    inputs: list[str] | None, output: Path | None, output_dir: Path | None, in_place: bool, remove_source: bool,
    check: bool, diff: bool, hook: bool, jobs: int | None, include: list[str] | None, exclude: list[str] | None,
    quiet: bool, fail_fast: bool, report: Path | None, plugin_placeholders: bool, version: bool,
) -> int:
    settings = load_config(Path.cwd())
    in_place = in_place or hook
    plan = Plan(
        options=options_from(settings, plugin_placeholders=plugin_placeholders or None),
        write=not (check or diff), diff=diff, output=output, output_dir=output_dir,
        in_place=in_place, remove_source=remove_source,
    )
    tasks = _tasks(inputs, include or settings.get("include") or DEFAULT_INCLUDE, exclude or settings.get("exclude") or DEFAULT_EXCLUDE)
    _validate(tasks, plan, remove_source)
    reporter = Reporter(quiet=quiet or settings.get("quiet", False), batch=len(tasks) > 1, check=check)
    outcomes = _run(tasks, plan, jobs or settings.get("jobs") or os.cpu_count() or 1, fail_fast, reporter)
    if report is not None:
        from .report import write_json_report

        write_json_report(report, outcomes)
    reporter.summary(outcomes)
    return exit_code(outcomes, changes_fail=check or hook)


def _tasks(inputs: list[str] | None, include: list[str] | tuple[str, ...], exclude: list[str] | tuple[str, ...]) -> list[tuple[str, str | None]]:
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageProblem("no input given (name files or directories, or pipe a post into md-convert -)")
        inputs = [STDIN]
    tasks = [(source, str(root) if root else None) for source, root in discover(inputs, include, exclude)]
    if not tasks:
        raise UsageProblem("no files matched the inputs and --include/--exclude patterns")
    return tasks


def _validate(tasks: list[tuple[str, str | None]], plan: Plan, remove_source: bool) -> None:
    if plan.output is not None and (len(tasks) > 1 or plan.output_dir is not None or plan.in_place):
        raise UsageProblem("-o/--output takes exactly one input and no --output-dir/--in-place")
    if plan.output_dir is not None and plan.in_place:
        raise UsageProblem("choose either --output-dir or --in-place")
    if remove_source and not plan.in_place:
        raise UsageProblem("--remove-source only works with --in-place")
    if plan.to_stdout and len(tasks) > 1:
        raise UsageProblem("several inputs need --output-dir, --in-place, --check or --diff")
    if sum(source == STDIN for source, _ in tasks) > 1:
        raise UsageProblem("standard input can be named only once")
    if plan.output is not None and tasks[0][0] != STDIN and plan.output.resolve() == Path(tasks[0][0]).resolve():
        raise UsageProblem(f"the output {plan.output} is the input itself (use --in-place to rewrite it)")


def _run(tasks: list[tuple[str, str | None]], plan: Plan, jobs: int, fail_fast: bool, reporter: Reporter) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with reporter.progress(len(tasks)) as advance:
        if tasks[0][0] == STDIN and len(tasks) == 1:
            results = iter([run_one(STDIN, None, plan, data=sys.stdin.buffer.read())])
        else:
            results = run_all(tasks, plan, jobs, fail_fast)
        for outcome in results:
            outcomes.append(_emit(outcome, reporter))
            advance()
    return outcomes


def _emit(outcome: Outcome, reporter: Reporter) -> Outcome:
    """Send an outcome's data to stdout and its news to stderr; keep only what the summary needs."""
    if outcome.markdown is not None:
        sys.stdout.buffer.write(outcome.markdown.encode("utf-8"))
        sys.stdout.buffer.flush()
    if outcome.diff:
        sys.stdout.buffer.write(outcome.diff.encode("utf-8"))
        sys.stdout.buffer.flush()
    reporter.outcome(outcome)
    outcome.markdown = outcome.diff = None
    return outcome


def run(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit code (only `main` exits)."""
    try:
        app(args=argv, prog_name="md-convert", standalone_mode=True)
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except BrokenPipeError:
        return 0
    return 0
