"""`python -m md_convert` and the `md-convert` console script."""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Entry point. `--version`, and `-` alone, answer before the command line's imports: a hook or a
    shell pipeline pays start-up on every call."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from md_convert._version import __version__

        sys.stdout.write(f"md-convert {__version__}\n")
        sys.exit(0)
    if sys.argv[1:] == ["-"]:
        from md_convert.cli.stdin_only import convert_stdin

        code = convert_stdin()
        if code is not None:
            _exit_without_teardown(code)
    from md_convert.cli.app import run

    sys.exit(run(sys.argv[1:]))


def _exit_without_teardown(code: int) -> None:
    """Exit once the Markdown is written, skipping the interpreter's teardown: freeing every loaded
    module's objects one by one is 14 ms of a 100 ms one-post run, paid on every call of a pipeline.
    Nothing is left undone: no atexit work is registered on this path, and stdout is flushed here."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader stopped early, as convert_stdin allows
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
