"""The command line: parse options, gather inputs, run, report. All conversion lives in the core."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from md_convert.images.localize import ImagePlan

from md_convert._version import __version__
from md_convert.cli.batch import run_all
from md_convert.cli.config import ConfigError, load_config, options_from
from md_convert.cli.console import Reporter
from md_convert.cli.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, STDIN, discover, is_same_file
from md_convert.cli.one_input import Plan, output_path, run_one
from md_convert.cli.outcomes import EXIT_INTERRUPTED, EXIT_USAGE, Outcome, exit_code

app = typer.Typer(add_completion=False, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
Flag = typer.Option
Task = tuple[str, "str | None"]


class UsageProblem(Exception):
    """A combination of options or inputs that cannot work; exit code 2."""


@dataclass(frozen=True)
class Arguments:
    """The command line as given (None: not given, so configuration or the default applies)."""

    inputs: list[str] | None
    output: Path | None
    output_dir: Path | None
    in_place: bool
    remove_source: bool
    check: bool
    diff: bool
    hook: bool
    jobs: int | None
    include: list[str] | None
    exclude: list[str] | None
    quiet: bool
    fail_fast: bool
    report: Path | None
    verify: bool
    strict: bool
    plugin_placeholders: bool
    download_images: bool
    download_cover: bool
    image_dir: Path | None
    image_concurrency: int
    max_image_bytes: int
    image_timeout: float
    referer: str | None
    allow_private_hosts: bool
    refresh: bool
    strict_images: bool


@app.command()
def convert(
    inputs: Annotated[list[str] | None, typer.Argument(help="Files, directories, or - for stdin.")] = None,
    output: Annotated[Path | None, Flag("-o", "--output", help="Write the result to FILE (one input).")] = None,
    output_dir: Annotated[Path | None, Flag(help="Write results under DIR, mirroring the input tree.")] = None,
    in_place: Annotated[
        bool, Flag("--in-place", help="Rewrite each post; an .html post gets an .md beside it.")
    ] = False,
    remove_source: Annotated[
        bool, Flag("--remove-source", help="With --in-place: delete an .html source once its .md exists.")
    ] = False,
    check: Annotated[bool, Flag("--check", help="Write nothing; list files that would change; exit 1 if any.")] = False,
    diff: Annotated[bool, Flag("--diff", help="Write nothing; print a unified diff of each change on stdout.")] = False,
    hook: Annotated[
        bool, Flag("--hook", help="Pre-commit mode: --in-place, and exit 1 when a file was rewritten.")
    ] = False,
    jobs: Annotated[int | None, Flag("-j", "--jobs", min=1, help="Parallel processes [default: CPU count].")] = None,
    include: Annotated[list[str] | None, Flag(help="Glob of files a directory contributes (repeatable).")] = None,
    exclude: Annotated[list[str] | None, Flag(help="Glob of files or folders to skip (repeatable).")] = None,
    quiet: Annotated[bool, Flag("-q", "--quiet", help="No progress bar or summary; errors only.")] = False,
    fail_fast: Annotated[bool, Flag("--fail-fast", help="Stop at the first file that fails.")] = False,
    report: Annotated[Path | None, Flag(help="Write a JSON record per input to FILE.")] = None,
    verify: Annotated[
        bool, Flag("--verify", help="Render the Markdown back and report lost text, images or links.")
    ] = False,
    strict: Annotated[bool, Flag("--strict", help="With --verify: a loss fails the file.")] = False,
    plugin_placeholders: Annotated[
        bool, Flag("--plugin-placeholders", help="Show WeChat plugins as a one-line note, not nothing.")
    ] = False,
    download_images: Annotated[
        bool, Flag("--download-images", help="Fetch the body's images and link them locally.")
    ] = False,
    download_cover: Annotated[
        bool, Flag("--download-cover", help="Also fetch front-matter cover images (headimg, cover…).")
    ] = False,
    image_dir: Annotated[Path | None, Flag(help="Folder for images [default: <post>.assets beside each post].")] = None,
    image_concurrency: Annotated[int, Flag(min=1, help="Images fetched at once (as many per host at most).")] = 8,
    max_image_bytes: Annotated[int, Flag(min=1, help="Largest image accepted, in bytes.")] = 20 * 1024 * 1024,
    image_timeout: Annotated[float, Flag(min=0.1, help="Seconds to wait for an image server.")] = 30.0,
    referer: Annotated[str | None, Flag(help="Referer header for image requests [default: none].")] = None,
    allow_private_hosts: Annotated[
        bool, Flag("--allow-private-hosts", help="Fetch from loopback and private addresses too.")
    ] = False,
    refresh: Annotated[bool, Flag("--refresh", help="Fetch images again even if an earlier run stored them.")] = False,
    strict_images: Annotated[
        bool, Flag("--strict-images", help="An image that cannot be fetched fails the run (exit 123).")
    ] = False,
    version: Annotated[bool, Flag("--version", help="Print the version and exit.")] = False,
) -> None:
    """Convert front-matter HTML posts (WeChat, RSS archives) to clean Markdown."""
    if version:
        sys.stdout.write(f"md-convert {__version__}\n")
        raise typer.Exit(0)
    arguments = Arguments(**{k: v for k, v in locals().items() if k != "version"})
    try:
        code = _convert(arguments)
    except (UsageProblem, ConfigError) as problem:
        sys.stderr.write(f"Error: {problem}\n")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: files already written are complete; run again to finish.\n")
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


def _convert(args: Arguments) -> int:
    settings = load_config(Path.cwd())
    plan = _plan(args, settings)
    tasks = _tasks(args.inputs, args.include or settings.get("include") or DEFAULT_INCLUDE,
                   args.exclude or settings.get("exclude") or DEFAULT_EXCLUDE)
    _validate(tasks, plan, args.remove_source)
    reporter = Reporter(quiet=args.quiet or settings.get("quiet", False), batch=len(tasks) > 1, check=args.check)
    jobs = args.jobs or settings.get("jobs") or os.cpu_count() or 1
    outcomes = _run(tasks, plan, jobs, args.fail_fast, reporter)
    if args.report is not None:
        from md_convert.cli.outcomes import write_json_report

        write_json_report(args.report, outcomes)
    reporter.summary(outcomes)
    return exit_code(outcomes, changes_fail=args.check or args.hook, images_fail=args.strict_images)


def _plan(args: Arguments, settings: dict[str, object]) -> Plan:
    options = options_from(settings, plugin_placeholders=args.plugin_placeholders or None)
    return Plan(
        options=options, write=not (args.check or args.diff), diff=args.diff, output=args.output,
        output_dir=args.output_dir, in_place=args.in_place or args.hook, remove_source=args.remove_source,
        verify=args.verify or args.strict, strict=args.strict, images=_image_plan(args),
    )


def _image_plan(args: Arguments) -> ImagePlan | None:
    if not (args.download_images or args.download_cover):
        return None
    from md_convert.images.download import DownloadSettings  # the download machinery loads only when asked for
    from md_convert.images.localize import ImagePlan

    settings = DownloadSettings(
        concurrency=args.image_concurrency, per_host=args.image_concurrency, max_bytes=args.max_image_bytes,
        timeout=args.image_timeout, referer=args.referer, allow_private_hosts=args.allow_private_hosts,
        refresh=args.refresh,
    )
    single = args.inputs is None or len(args.inputs) == 1 and not Path(args.inputs[0]).is_dir()
    progress = single and not args.quiet and sys.stderr.isatty()  # workers of a batch would draw over each other
    return ImagePlan(settings=settings, image_dir=args.image_dir, covers=args.download_cover,
                     strict=args.strict_images, progress=progress)


def _tasks(inputs: list[str] | None, include: Sequence[str], exclude: Sequence[str]) -> list[Task]:
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageProblem("no input given (name files or directories, or pipe a post into md-convert -)")
        inputs = [STDIN]
    tasks = [(source, str(root) if root else None) for source, root in discover(inputs, include, exclude)]
    if not tasks:
        raise UsageProblem("no files matched the inputs and --include/--exclude patterns")
    return tasks


def _validate(tasks: list[Task], plan: Plan, remove_source: bool) -> None:
    problems = [
        (plan.output is not None and (len(tasks) > 1 or plan.output_dir is not None or plan.in_place),
         "-o/--output takes exactly one input and no --output-dir/--in-place"),
        (plan.output_dir is not None and plan.in_place, "choose either --output-dir or --in-place"),
        (remove_source and not plan.in_place, "--remove-source only works with --in-place"),
        (plan.to_stdout and len(tasks) > 1, "several inputs need --output-dir, --in-place, --check or --diff"),
        (sum(source == STDIN for source, _ in tasks) > 1, "standard input can be named only once"),
        (plan.output is not None and is_same_file(plan.output, tasks[0][0]),
         f"the output {plan.output} is the input itself (use --in-place to rewrite it)"),
    ]
    for failed, message in problems:
        if failed:
            raise UsageProblem(message)
    _check_targets(tasks, plan)


def _check_targets(tasks: list[Task], plan: Plan) -> None:
    """No output may overwrite an input by accident, and no two inputs may share one output
    (in-place, `post.md` beside `post.html` is that post's own output and is skipped)."""
    if plan.output_dir is None and not plan.in_place:
        return
    seen: dict[Path, Task] = {}
    for task in list(tasks):
        if task[0] == STDIN:
            continue
        target = _target_of(task[0], task[1], plan)
        key = target.resolve()
        earlier = seen.get(key)
        if earlier is None:
            seen[key] = task
        elif plan.in_place and is_same_file(target, task[0]):
            tasks.remove(task)  # the .md written from its .html: converting the .html covers it
        elif plan.in_place and is_same_file(target, earlier[0]):
            tasks.remove(earlier)
            seen[key] = task
        else:
            raise UsageProblem(f"{earlier[0]} and {task[0]} would both be written to {target}")


def _target_of(source: str, root: str | None, plan: Plan) -> Path:
    target = output_path(source, Path(root) if root else None, plan)
    if plan.output_dir is not None and is_same_file(target, source):
        raise UsageProblem(f"--output-dir would overwrite the input {source} (use --in-place to rewrite it)")
    return target


def _run(tasks: list[Task], plan: Plan, jobs: int, fail_fast: bool, reporter: Reporter) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with reporter.progress(len(tasks)) as advance:
        if tasks[0][0] == STDIN and len(tasks) == 1:
            results = iter([run_one(STDIN, None, plan, data=sys.stdin.buffer.read())])
        else:
            results = run_all(tasks, plan, jobs, fail_fast)
        for outcome in results:
            outcomes.append(_emit(outcome, reporter))
            advance(outcomes[-1])
    return outcomes


def _emit(outcome: Outcome, reporter: Reporter) -> Outcome:
    """Send an outcome's data to stdout and its news to stderr; keep only what the summary needs."""
    for data in (outcome.markdown, outcome.diff):
        if data:
            sys.stdout.buffer.write(data.encode("utf-8"))
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
