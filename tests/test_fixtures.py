"""Golden pairs: fixtures/<case>.html converts to exactly fixtures/<case>.md."""

from __future__ import annotations

import pytest

from md_convert import convert_html

from .conftest import FIXTURES

CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    html = (FIXTURES / f"{case}.html").read_text(encoding="utf-8")
    expected = (FIXTURES / f"{case}.md").read_text(encoding="utf-8")
    assert convert_html(html) == expected


def test_every_fixture_has_its_markdown() -> None:
    assert CASES, "no fixtures found"
    assert all((FIXTURES / f"{case}.md").exists() for case in CASES)
