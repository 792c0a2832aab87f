"""The architecture's rules, checked rather than written down: import contracts (import-linter, in
pyproject.toml), complexity (radon), strict types (mypy), lint (ruff), and no import of the
package face from inside the package."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "md_convert"
BIN = Path(sys.executable).parent
MOST_RATED_C = 8


def _tool(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    program = BIN / name if (BIN / name).exists() else shutil.which(name)
    if program is None:
        pytest.fail(f"{name} is not installed (pip install '.[test]')")
    return subprocess.run([str(program), *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_import_contracts_are_kept() -> None:
    done = _tool("lint-imports", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_complexity_stays_low() -> None:
    from radon.complexity import cc_rank, cc_visit

    ranked = []
    for module in PACKAGE.rglob("*.py"):
        for block in cc_visit(module.read_text(encoding="utf-8")):
            ranked.append((cc_rank(block.complexity), f"{module.relative_to(ROOT)}:{block.lineno} {block.name}"))
    above_c = [name for rank, name in ranked if rank > "C"]
    rated_c = [name for rank, name in ranked if rank == "C"]
    assert above_c == [], above_c
    assert len(rated_c) <= MOST_RATED_C, rated_c


def test_types_are_strict() -> None:
    done = _tool("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_lint_is_clean() -> None:
    done = _tool("ruff", "check", "md_convert", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_module_imports_the_package_face() -> None:
    """`md_convert/__init__` is the public API: importing it from inside would tie every stage to all."""
    offenders = []
    submodules = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    for module in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "md_convert" and node.level == 0:
                offenders += [f"{module.name}: {a.name}" for a in node.names if a.name not in submodules]
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None:
                offenders.append(f"{module.name}: relative import of its package")
            if isinstance(node, ast.Import) and any(a.name == "md_convert" for a in node.names):
                offenders.append(f"{module.name}: import md_convert")
    assert offenders == [], offenders
