"""The one error type md-convert raises for bad input, with its specific kinds."""

from __future__ import annotations


class ConversionError(Exception):
    """Input that md-convert cannot convert; the message is one line, fit for a user."""


class FrontMatterError(ConversionError):
    """The front matter is opened but never closed, or is not valid, safe YAML."""


class InputError(ConversionError):
    """The input is not text md-convert can read (binary, undecodable, unreadable)."""
