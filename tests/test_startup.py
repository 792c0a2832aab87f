"""Start-up stays light: a one-post run imports nothing it does not use (#6).

Wall-clock targets are met in benchmarks/bench.py; this checks the cause, deterministically: which heavy
modules a run has loaded when it ends.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each was measured at 10-130 ms of start-up and is not needed to convert one post.
HEAVY = ["soupsieve.css_parser", "charset_normalizer.api", "pydantic", "concurrent.futures.process", "httpx",
         "multiprocessing", "md_convert.images.download"]

PROBE = """
import sys
from md_convert.cli.app import run
code = run(sys.argv[1:])
print("\\n".join(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""


def loaded_heavy_modules(*args: str, stdin: str = "") -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], input=stdin,
                            capture_output=True, text=True, cwd=ROOT, check=True)
    return result.stderr.split()


def test_one_post_through_stdin_loads_no_heavy_module() -> None:
    assert loaded_heavy_modules("-", stdin=(ROOT / "examples" / "post.html").read_text(encoding="utf-8")) == []


def test_version_imports_neither_bs4_nor_typer() -> None:
    probe = "import sys; from md_convert.__main__ import main\ntry:\n main()\nexcept SystemExit:\n pass\n" \
            "print(sorted(m for m in ('bs4', 'typer', 'lxml', 'rich') if m in sys.modules), file=sys.stderr)"
    result = subprocess.run([sys.executable, "-c", probe, "--version"], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "[]"


def test_css_selectors_still_work_after_the_deferred_import() -> None:
    probe = ("import md_convert, bs4\n"
             "soup = bs4.BeautifulSoup('<p class=a>x</p>', 'lxml')\n"
             "print(soup.select_one('p.a').text)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "x"


def test_a_guessed_encoding_still_loads_the_detector(tmp_path: Path) -> None:
    post = tmp_path / "gbk.html"
    post.write_bytes("<p>这是一篇没有声明编码的中文文章，用来检验编码探测。</p>".encode("gb18030") * 3)
    assert "charset_normalizer.api" not in loaded_heavy_modules("-", stdin="<p>x</p>")
    result = subprocess.run([sys.executable, "-m", "md_convert", str(post)], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert "这是一篇没有声明编码的中文文章" in result.stdout
