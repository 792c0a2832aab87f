"""md-convert: front-matter HTML posts (WeChat, RSS archives) to clean Markdown.

The public API only; how the conversion works is told in `md_convert.pipeline`."""

from __future__ import annotations

from md_convert.lazy_imports import defer_imports

defer_imports()  # before anything imports bs4

from md_convert._version import __version__  # noqa: E402
from md_convert.errors import ConversionError, FrontMatterError, InputError  # noqa: E402
from md_convert.options import ConvertOptions  # noqa: E402
from md_convert.pipeline import convert_document, convert_html, looks_like_html  # noqa: E402

__all__ = [
    "ConversionError",
    "ConvertOptions",
    "FrontMatterError",
    "InputError",
    "__version__",
    "convert_document",
    "convert_html",
    "looks_like_html",
]
