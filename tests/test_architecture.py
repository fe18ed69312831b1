"""Architecture: the import contracts of pyproject.toml hold, backend/ stands alone (it
imports neither tui, steps nor fixtures), the domain never reads the clock itself (R14) and
nothing a user's clone runs reads the specification folder beside the repository (a clone
has none: the project's copy of the rules is docs/rules.md)."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend"
FORBIDDEN_PACKAGES = {"billing_center", "tui", "steps", "fixtures"}
# What a clone holds and runs; only .ci/check-rulebook may look outside it.
SELF_CONTAINED = ("billing_center", "backend", "tests", "features", "steps", "fixtures", "tui")
OUTSIDE_SPEC = re.compile(r"shared[/\\]+(?:spec|seed)\b")


def python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def imported_modules(tree: ast.AST, path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(
                node.func, "id", None)) in ("import_module", "__import__"):
            if node.args and isinstance(node.args[0], ast.Constant) and isinstance(
                    node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def test_import_linter_contracts_are_kept():
    exe = shutil.which("lint-imports")
    command = [exe] if exe else [sys.executable, "-m", "importlinter.cli"]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert " 0 broken" in report, report
    assert "The backend stands alone KEPT" in report, report


def test_backend_imports_neither_tui_nor_steps_nor_fixtures():
    offenders = []
    for path in python_files(BACKEND):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for module in imported_modules(tree, path):
            if module.split(".")[0] in FORBIDDEN_PACKAGES:
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert offenders == []


CLOCK_READS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"),
               ("datetime", "today"), ("time", "time")}


def clock_reads(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if (name, node.func.attr) in CLOCK_READS:
                found.append((node.lineno, f"{name}.{node.func.attr}()"))
    return found


def test_r14_the_domain_never_reads_the_clock():
    """Domain code gets "today" from the caller (the account's clock, R14)."""
    offenders = []
    for path in python_files(BACKEND / "domain"):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offenders += [f"{path.relative_to(ROOT)}:{line} calls {call}"
                      for line, call in clock_reads(tree)]
    assert offenders == []


@pytest.mark.parametrize("source, expected", [
    ("from datetime import date\ndate.today()", [(2, "date.today()")]),
    ("import datetime\ndatetime.datetime.now()", [(2, "datetime.now()")]),
    ("datetime.now(UTC)", [(1, "datetime.now()")]),
    ("today = account.test_today", []),
])
def test_the_clock_scan_finds_what_it_looks_for(source, expected):
    assert clock_reads(ast.parse(source)) == expected


def test_the_import_scan_finds_what_it_looks_for():
    tree = ast.parse("import tui.app\nfrom steps import rules\n"
                     "importlib.import_module('fixtures.data')\nfrom . import sibling")
    assert imported_modules(tree, Path("x.py")) == {"tui.app", "steps", "fixtures.data"}


def outside_references(folder: Path, root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text: nothing that could name a path to read
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE_SPEC.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


def test_nothing_a_clone_runs_reads_the_spec_folder_beside_it():
    offenders = [line for folder in SELF_CONTAINED for line in outside_references(ROOT / folder)]
    assert offenders == [], "a user's clone has no ../shared; use docs/rules.md:\n" + \
        "\n".join(offenders)


def test_the_spec_folder_scan_finds_what_it_looks_for(tmp_path):
    shared = "shared"  # kept apart from what follows, so this file names no such path itself
    (tmp_path / "a.py").write_text(f'FLOW = "../{shared}/spec/flow.md"\n', encoding="utf-8")
    (tmp_path / "b.md").write_text(f"see {shared}\\seed\\article.txt\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("shared by both, spec-like, shared/specimen\n",
                                    encoding="utf-8")
    (tmp_path / "d.bin").write_bytes(b"\xff\xfe " + f"{shared}/spec".encode())
    found = outside_references(tmp_path, root=tmp_path)
    assert [line.split(":")[0] for line in found] == ["a.py", "b.md"]
