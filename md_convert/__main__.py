"""`python -m md_convert` and the `md-convert` console script."""

from __future__ import annotations

import sys


def main() -> None:
    """Entry point. `--version` answers before the heavy imports: a hook pays start-up on every commit."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from md_convert._version import __version__

        sys.stdout.write(f"md-convert {__version__}\n")
        sys.exit(0)
    from md_convert.cli.app import run

    sys.exit(run(sys.argv[1:]))


if __name__ == "__main__":
    main()
