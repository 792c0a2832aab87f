"""The command line's settings: one typed object per concern, built once from flags and config.

    ConvertOptions    how HTML becomes Markdown          md_convert.options
    DownloadSettings  how images are fetched             md_convert.images.settings
    Plan              what happens to each converted post  md_convert.cli.one_input
    RunSettings       which files, how many at once, what is said

A flag is named as its field (`--video-label` is `video_label`), so each is declared once, in
`app.convert`; a flag left out (None) lets the config or the field's default apply.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from md_convert.cli.config import load_config, options_from
from md_convert.cli.files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, STDIN
from md_convert.cli.one_input import Plan
from md_convert.images.localize import ImagePlan
from md_convert.images.settings import DownloadSettings

IMAGE_FLAGS = {
    "image_concurrency": "concurrency", "max_image_bytes": "max_bytes", "image_timeout": "timeout",
    "referer": "referer", "allow_private_hosts": "allow_private_hosts", "refresh": "refresh",
}
"""Download flags and the DownloadSettings field each sets."""


class UsageProblem(Exception):
    """A combination of options or inputs that cannot work; exit code 2."""


@dataclass(frozen=True)
class RunSettings:
    """Which files a run takes, how many at once, and what it says about them."""

    inputs: tuple[str, ...]
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    jobs: int = 1
    quiet: bool = False
    verbose: bool = False
    fail_fast: bool = False
    report: Path | None = None
    check: bool = False
    hook: bool = False
    images_fail: bool = False
    """--strict-images: an image that could not be fetched makes the exit code 123."""

    @property
    def changes_fail(self) -> bool:
        """--check and --hook: a file that changes (or would) makes the exit code 1."""
        return self.check or self.hook


@dataclass(frozen=True)
class Settings:
    run: RunSettings
    plan: Plan


def settings_from(flags: Mapping[str, Any]) -> Settings:
    """Every setting of a run, from the parsed flags and the config file they lead to."""
    inputs = tuple(flags["inputs"] or ())
    config = load_config(inputs or (STDIN,), flags["config"])
    _refuse_lone_flags(flags)
    run = _run_settings(inputs, flags, config)
    return Settings(run=run, plan=_plan(flags, config, run))


def _run_settings(inputs: tuple[str, ...], flags: Mapping[str, Any], config: Mapping[str, Any]) -> RunSettings:
    """The flag, else the config, else the default; exclusions add up instead."""
    return RunSettings(
        inputs=inputs,
        include=tuple(flags["include"] or config.get("include") or DEFAULT_INCLUDE),
        exclude=(*DEFAULT_EXCLUDE, *config.get("exclude", ()), *(flags["exclude"] or ())),
        jobs=flags["jobs"] or config.get("jobs") or os.cpu_count() or 1,
        quiet=flags["quiet"] or bool(config.get("quiet", False)),
        verbose=flags["verbose"], fail_fast=flags["fail_fast"], report=flags["report"],
        check=flags["check"], hook=flags["hook"],
        images_fail=flags["strict_images"],
    )


def _plan(flags: Mapping[str, Any], config: Mapping[str, Any], run: RunSettings) -> Plan:
    return Plan(
        options=options_from(dict(config), dict(flags)),
        write=not (flags["check"] or flags["diff"]), diff=flags["diff"],
        output=flags["output"], output_dir=flags["output_dir"], in_place=flags["in_place"] or flags["hook"],
        remove_source=flags["remove_source"], verify=flags["verify"] or flags["strict"], strict=flags["strict"],
        images=_image_plan(flags), image_bar=_one_post(run.inputs) and not run.quiet and sys.stderr.isatty(),
    )


def _image_plan(flags: Mapping[str, Any]) -> ImagePlan | None:
    if not (flags["download_images"] or flags["download_cover"]):
        return None
    chosen = {field: flags[flag] for flag, field in IMAGE_FLAGS.items() if flags[flag] is not None}
    settings = DownloadSettings(**chosen, per_host=chosen.get("concurrency", DownloadSettings.per_host))
    return ImagePlan(settings=settings, image_dir=flags["image_dir"], body=flags["download_images"],
                     covers=flags["download_cover"])


def _refuse_lone_flags(flags: Mapping[str, Any]) -> None:
    """A flag that only means something beside another is a usage error without it."""
    downloading = flags["download_images"] or flags["download_cover"]
    for flag in (*IMAGE_FLAGS, "image_dir", "strict_images"):
        if not downloading and flags[flag] not in (None, False):
            raise UsageProblem(f"--{flag.replace('_', '-')} only works with --download-images or --download-cover")
    if flags["remove_source"] and not (flags["in_place"] or flags["hook"]):
        raise UsageProblem("--remove-source only works with --in-place")


def _one_post(inputs: tuple[str, ...]) -> bool:
    """A run of one post (where a download bar can be drawn: a batch's workers would draw over each other)."""
    return len(inputs) <= 1 and not (inputs and Path(inputs[0]).is_dir())


def default_of(cls: type, name: str) -> Any:
    """The default of a dataclass field, for a flag's help text."""
    return next(field.default for field in fields(cls) if field.name == name)
