"""Golden pairs: fixtures/<case>.html converts to exactly fixtures/<case>.md, through the API
(`convert_html`, and `convert_document` with a front matter) and through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from md_convert import convert_document, convert_html

from .conftest import FIXTURES

CASES = sorted(p.stem for p in FIXTURES.glob("*.html"))
FRONT_MATTER = "---\ntitle: '样例'\ntags: [a, b]\n---\n"


def _pair(case: str) -> tuple[str, str]:
    html = (FIXTURES / f"{case}.html").read_text(encoding="utf-8")
    return html, (FIXTURES / f"{case}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_fixture(case: str) -> None:
    html, expected = _pair(case)
    assert convert_html(html) == expected


@pytest.mark.parametrize("case", CASES)
def test_fixture_as_a_post(case: str) -> None:
    html, expected = _pair(case)
    assert convert_document(FRONT_MATTER + html) == FRONT_MATTER + "\n" + expected
    assert convert_document(html.encode("utf-8")) == expected  # bytes are decoded as a file's are


def test_fixtures_through_the_command_line(cli, tmp_path: Path) -> None:
    result = cli(str(FIXTURES), "--output-dir", str(tmp_path), "--include", "*.html", "-q")
    assert (result.code, result.stdout, result.stderr) == (0, "", "")
    for case in CASES:
        assert (tmp_path / f"{case}.md").read_text(encoding="utf-8") == _pair(case)[1], case


def test_every_fixture_has_its_markdown() -> None:
    assert CASES, "no fixtures found"
    assert all((FIXTURES / f"{case}.md").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_converting_the_output_again_changes_nothing(case: str) -> None:
    post = convert_document(FRONT_MATTER + _pair(case)[0])
    assert convert_document(post) == post
