"""`data:` URIs: the bytes they carry and their media type (base64 or percent-encoded)."""

from __future__ import annotations

import base64
import urllib.parse


def decode_data_uri(uri: str) -> tuple[bytes, str]:
    """The bytes and the media type (`image/png`) of a `data:` URI; ValueError when it cannot be read."""
    header, _, payload = uri[5:].partition(",")
    if header.endswith(";base64"):
        data = base64.b64decode(payload, validate=False)
    else:
        data = urllib.parse.unquote_to_bytes(payload)
    return data, header.split(";")[0]
