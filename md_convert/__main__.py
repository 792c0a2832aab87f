"""`python -m md_convert` and the `md-convert` console script."""

from __future__ import annotations

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
            sys.exit(code)
    from md_convert.cli.app import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
