"""Front matter: split a post into its YAML block and body, validate the YAML, join them back.

The block is written back exactly as it was read (key order, quoting, comments, indentation):
python-frontmatter and PyYAML only validate it, they never re-serialise it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from md_convert.errors import FrontMatterError

_LEADING_BLANK_LINES = re.compile(r"(?:[ \t]*\n)*")
_OPENING_FENCE = re.compile(r"---[ \t]*(?:\n|$)")
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Post:
    """A post split in two: the original front-matter block (fences included) and the body."""

    front_matter: str | None
    body: str
    metadata: dict[str, Any] = field(default_factory=dict)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; a leading byte-order mark is dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_post(text: str) -> Post:
    """Split a post; raise FrontMatterError for an unclosed block or invalid YAML."""
    text = normalize_newlines(text)
    start = _LEADING_BLANK_LINES.match(text).end()  # type: ignore[union-attr]
    opening = _OPENING_FENCE.match(text, start)
    if opening is None:
        return Post(front_matter=None, body=text)
    closing = _CLOSING_FENCE.search(text, opening.end())
    first_line = text.count("\n", 0, start) + 1
    if closing is None:
        raise FrontMatterError(f"front matter opened on line {first_line} is never closed")
    yaml_text = text[opening.end() : closing.start()]
    metadata = load_yaml(yaml_text, first_line + 1)
    return Post(
        front_matter=text[start : closing.end()],
        body=text[closing.end() :].removeprefix("\n"),
        metadata=metadata,
    )


def load_yaml(yaml_text: str, first_line: int) -> dict[str, Any]:
    """Load front-matter YAML safely; errors name the line of the file they are on."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    try:
        data = YAMLHandler().load(yaml_text, Loader=_strict_loader())
    except yaml.MarkedYAMLError as error:
        raise FrontMatterError(_describe_yaml_error(error, first_line, yaml_text.count("\n"))) from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"invalid YAML in front matter: {error}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(f"front matter on line {first_line} is not a mapping of keys to values")
    return data


def _describe_yaml_error(error: Any, first_line: int, last_line: int) -> str:
    """Name the line of the problem; at the end of the block, the line of what was left open."""
    mark = error.problem_mark
    if mark is None or (mark.line >= last_line and error.context_mark is not None):
        mark = error.context_mark
    where = f" on line {first_line + mark.line}" if mark is not None else ""
    problem = " ".join(str(error.problem or error.context or "invalid YAML").split())
    return f"invalid YAML in front matter{where}: {problem}"


_LOADER: type | None = None


def _strict_loader() -> type:
    """A SafeLoader that also refuses duplicate keys (YAML forbids them; PyYAML keeps the last)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        # libyaml's loader when PyYAML has it: several times faster than the pure-Python one.
        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class StrictSafeLoader(base):  # type: ignore[misc,valid-type]
            def construct_mapping(self, node: Any, deep: bool = False) -> Any:
                seen: set[Any] = set()
                for key_node, _ in node.value:
                    key = self.construct_object(key_node, deep=deep)
                    if not isinstance(key, (str, int, float, bool)):
                        continue  # unhashable keys are PyYAML's to reject
                    if key in seen:
                        raise yaml.constructor.ConstructorError(
                            None, None, f"duplicate key {key!r}", key_node.start_mark
                        )
                    seen.add(key)
                return super().construct_mapping(node, deep=deep)

        _LOADER = StrictSafeLoader
    return _LOADER


def join_post(front_matter: str | None, body: str) -> str:
    """Front matter (if any), a blank line, the body; exactly one final newline."""
    body = body.strip("\n")
    if front_matter is None:
        return body + "\n" if body else ""
    return f"{front_matter}\n\n{body}\n" if body else f"{front_matter}\n"
