"""The command line: its flags, and the run they describe. All conversion lives in the pipeline."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from md_convert._version import __version__
from md_convert.cli.batch import run_all
from md_convert.cli.config import ConfigError
from md_convert.cli.console import Reporter
from md_convert.cli.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, NEVER_ENTERED
from md_convert.cli.inputs import check_usage, gather_tasks
from md_convert.cli.one_input import Plan, Task
from md_convert.cli.outcomes import EXIT_INTERRUPTED, EXIT_USAGE, Outcome, exit_code
from md_convert.cli.settings import RunSettings, UsageProblem, default_of, settings_from
from md_convert.images.settings import DownloadSettings
from md_convert.options import BULLETS, ConvertOptions

EPILOG = f"""\b
Examples:
  md-convert post.html                        the Markdown post on stdout
  cat post.html | md-convert - > post.md      stdin to stdout
  md-convert posts/ --output-dir markdown/    mirror a tree as .md files
  md-convert posts/ --in-place --check        list what would change
  md-convert a.html - --output-dir out        files to out/, stdin's post to stdout

\b
Directories contribute {", ".join(DEFAULT_INCLUDE)} (--include replaces that list).
They skip {", ".join(DEFAULT_EXCLUDE)}
and what git ignores (--exclude adds to that list); {", ".join(NEVER_ENTERED)} are never entered.

\b
Exit codes: 0 done or nothing to do; 1 --check found changes or --hook rewrote files;
2 usage error; 123 an input (or, with --strict-images, an image) failed; 130 interrupted.
"""

app = typer.Typer(add_completion=True, rich_markup_mode=None, context_settings={"help_option_names": ["-h", "--help"]})
Flag = typer.Option
_IMAGES = DownloadSettings()


@app.command(epilog=EPILOG)
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
    exclude: Annotated[list[str] | None, Flag(help="Glob of files or folders to skip, added to the defaults.")] = None,
    config: Annotated[
        Path | None, Flag(help="Read [tool.md-convert] from FILE, not the nearest pyproject.toml.")
    ] = None,
    quiet: Annotated[bool, Flag("-q", "--quiet", help="Errors only: no progress, findings or summary.")] = False,
    verbose: Annotated[bool, Flag("-v", "--verbose", help="Name every file written, and the files skipped.")] = False,
    fail_fast: Annotated[bool, Flag("--fail-fast", help="Stop at the first file that fails.")] = False,
    report: Annotated[Path | None, Flag(help="Write a JSON record per input to FILE.")] = None,
    verify: Annotated[
        bool, Flag("--verify", help="Render the Markdown back and warn of lost text, images or links.")
    ] = False,
    strict: Annotated[bool, Flag("--strict", help="A loss --verify finds fails the file (implies --verify).")] = False,
    bullet: Annotated[str | None, Flag(help=f"List marker: {', '.join(BULLETS)} [default: -].")] = None,
    plugin_placeholders: Annotated[
        bool | None,
        Flag(
            "--plugin-placeholders/--no-plugin-placeholders",
            help="Show WeChat plugins as a one-line note.",
            show_default=False,
        ),
    ] = None,
    video_links: Annotated[
        bool | None,
        Flag(
            "--video-links/--no-video-links",
            help="Replace a video player by a link line [default: on].",
            show_default=False,
        ),
    ] = None,
    video_label: Annotated[
        str | None, Flag(help=f"Text of that link [default: {default_of(ConvertOptions, 'video_label')}].")
    ] = None,
    hard_break: Annotated[
        str | None, Flag(help="How a <br> in a paragraph is written: backslash or spaces [default: backslash].")
    ] = None,
    download_images: Annotated[
        bool, Flag("--download-images", help="Fetch the body's images and link them locally.")
    ] = False,
    download_cover: Annotated[
        bool, Flag("--download-cover", help="Fetch front-matter cover images (headimg, cover…).")
    ] = False,
    image_dir: Annotated[Path | None, Flag(help="Folder for images [default: <post>.assets beside each post].")] = None,
    image_concurrency: Annotated[
        int | None, Flag(min=1, help=f"Images fetched at once, and per host [default: {_IMAGES.concurrency}].")
    ] = None,
    max_image_bytes: Annotated[
        int | None, Flag(min=1, help=f"Largest image accepted [default: {_IMAGES.max_bytes}].")
    ] = None,
    image_timeout: Annotated[
        float | None, Flag(min=0.1, help=f"Seconds to wait for an image server [default: {_IMAGES.timeout:g}].")
    ] = None,
    referer: Annotated[str | None, Flag(help="Referer header for image requests [default: none].")] = None,
    allow_private_hosts: Annotated[
        bool, Flag("--allow-private-hosts", help="Fetch from loopback and private addresses too.")
    ] = False,
    refresh: Annotated[bool, Flag("--refresh", help="Fetch images again even if an earlier run stored them.")] = False,
    strict_images: Annotated[
        bool, Flag("--strict-images", help="An image that cannot be fetched fails the run (123).")
    ] = False,
    version: Annotated[bool, Flag("-V", "--version", help="Print the version and exit.")] = False,
) -> None:
    """Convert front-matter HTML posts (WeChat, RSS archives) to clean Markdown.

    The flags from --image-dir to --strict-images need a download flag.
    """
    flags = dict(locals())  # the parameters, each named as the setting it feeds (see cli.settings)
    if version:
        sys.stdout.write(f"md-convert {__version__}\n")
        raise typer.Exit(0)
    try:
        code = _convert(flags)
    except (UsageProblem, ConfigError) as problem:
        sys.stderr.write(f"Error: {problem}\n")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted: files already written are complete; run again to finish.\n")
        code = EXIT_INTERRUPTED
    raise typer.Exit(code)


def _convert(flags: dict[str, object]) -> int:
    started = time.perf_counter()
    settings = settings_from(flags)
    run, plan = settings.run, settings.plan
    tasks = check_usage(gather_tasks(run), plan, run)
    reporter = Reporter(quiet=run.quiet, verbose=run.verbose, batch=len(tasks) > 1, check=run.check)
    if run.verbose:
        reporter.say_exclusions(run.exclude)
    outcomes = _run(tasks, plan, run, reporter)
    if run.report is not None:
        from md_convert.cli.outcomes import write_json_report

        write_json_report(run.report, outcomes)
    reporter.summary(outcomes, seconds=time.perf_counter() - started)
    return exit_code(outcomes, changes_fail=run.changes_fail, images_fail=run.images_fail)


def _run(tasks: list[Task], plan: Plan, run: RunSettings, reporter: Reporter) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with reporter.progress(len(tasks)) as advance:
        for outcome in run_all(tasks, plan, run.jobs, run.fail_fast):
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
