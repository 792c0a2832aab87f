"""md-convert: front-matter HTML posts (WeChat, RSS archives) to clean Markdown."""

from __future__ import annotations

from .core import convert_document, convert_html, looks_like_html
from .errors import ConversionError, FrontMatterError, InputError
from .options import ConvertOptions

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
