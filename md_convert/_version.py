"""The version, in a module of its own: `--version`, the User-Agent and packaging read it without
importing the conversion."""

__version__ = "0.1.0"
