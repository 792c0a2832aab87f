"""Bytes to text, deliberately: byte-order mark, then UTF-8, then the declared charset, then detection.

A file that is binary, or whose encoding cannot be told with confidence, is refused with a clear
error instead of being turned into mojibake.
"""

from __future__ import annotations

import codecs
import re

from md_convert.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF", b"\x7fELF", b"BM",
)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_bytes(data: bytes) -> str:
    """Decode a post's bytes; raise InputError for binary data or an encoding that cannot be told."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding)
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data:
        raise InputError("binary file, not a text post")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_CHARSET.search(data[:65536])
    if declared:
        return _decode_as(data, _charset_name(declared.group(1).decode("ascii")))
    return _detect(data)


def _charset_name(name: str) -> str:
    """GB2312 and GBK pages are in practice GB18030 (their superset), as browsers assume."""
    name = name.lower()
    return "gb18030" if name in {"gb2312", "gbk", "x-gbk", "gb_2312-80"} else name


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown charset {encoding!r} declared") from None
    except UnicodeDecodeError as error:
        raise InputError(f"not valid {encoding} at byte {error.start}") from None


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("not UTF-8, and its encoding could not be detected")
    return str(best)
