"""md-convert: front-matter HTML posts (WeChat, RSS archives) to clean Markdown."""

from __future__ import annotations

from .lazy_imports import defer_imports

defer_imports()  # before anything imports bs4

from .core import convert_document, convert_html, looks_like_html  # noqa: E402
from .errors import ConversionError, FrontMatterError, InputError  # noqa: E402
from .options import ConvertOptions  # noqa: E402

__version__ = "0.1.0"
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
