"""Runs the acceptance suite in a child pytest and reads back what its junit.xml says:
shared by bench/suite.py (timings) and bench/flaky.py (stability)."""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = "features/test_scenarios.py"


@dataclass(frozen=True)
class Case:
    nodeid: str
    outcome: str  # passed, failed, error, skipped
    seconds: float


@dataclass(frozen=True)
class Run:
    wall_s: float
    exit_code: int
    cases: tuple[Case, ...]
    # CPU of pytest and of every process it waited for (the embedded server of a run
    # without xdist): what the run costs whatever else the machine is doing
    cpu_s: float = 0.0


def _outcome(case: ET.Element) -> str:
    for tag in ("failure", "error", "skipped"):
        if case.find(tag) is not None:
            return "failed" if tag == "failure" else tag
    return "passed"


def _nodeid(case: ET.Element) -> str:
    module = (case.get("classname") or "").replace(".", "/")
    return f"{module}.py::{case.get('name')}"


def run_suite(args: list[str], *, paths: tuple[str, ...] = (SCENARIOS,),
              keep_failed: Path | None = None) -> Run:
    """`python -m pytest PATHS ARGS` from the repository, its reports in a temporary folder;
    with `keep_failed`, a run where any case did not pass leaves its reports there (the
    matrix, junit.xml, each failed scenario's artifacts) and pytest's output beside them."""
    with tempfile.TemporaryDirectory(prefix="bench-") as reports:
        command = [sys.executable, "-m", "pytest", *paths, "-q", "-p", "no:cacheprovider",
                   "--reports", reports, f"--junitxml={reports}/junit.xml", *args]
        before = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, env=dict(os.environ), capture_output=True,
                              text=True)
        wall = time.perf_counter() - started
        cpu = _children_cpu() - before
        junit = Path(reports, "junit.xml")
        if not junit.exists():
            sys.exit(f"pytest wrote no junit.xml (exit {done.returncode}):\n"
                     f"{done.stdout[-2000:]}{done.stderr[-2000:]}")
        cases = tuple(Case(_nodeid(c), _outcome(c), float(c.get("time") or 0))
                      for c in ET.parse(junit).iter("testcase"))
        if keep_failed is not None and any(c.outcome != "passed" for c in cases):
            Path(reports, "pytest-output.txt").write_text(done.stdout + done.stderr)
            shutil.copytree(reports, keep_failed, dirs_exist_ok=True)
    return Run(wall, done.returncode, cases, cpu)


# What the suite imports: the product, and the harness pytest loads as a plugin.
PACKAGES = ("billing_center", "backend", "tui", "steps", "fixtures", "features")


def warm_up(args: list[str]) -> None:
    """Leave the bytecode a normal install or first run leaves, before anything is timed:
    the modules compiled (pip compiles a package it installs), and pytest's rewrite of the
    harness's assertions cached beside them. With PYTHONDONTWRITEBYTECODE set (it is on this
    project's machines) neither is ever written, and every pytest process, each xdist worker
    too, compiled and rewrote all of it again: 6.1 s to collect the suite against 2.7 s.
    A collection run with that variable unset writes pytest's cache; later runs read it
    whatever the variable says."""
    for package in PACKAGES:
        compileall.compile_dir(ROOT / package, quiet=1)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "pytest", SCENARIOS, "--collect-only", "-q",
                    "-p", "no:cacheprovider", *args], cwd=ROOT, env=env,
                   capture_output=True, check=False)


def cool_down() -> None:
    """No bytecode of ours left: every pytest process compiles the sources again."""
    for folder in [ROOT / "__pycache__", *(p for package in PACKAGES
                                          for p in (ROOT / package).rglob("__pycache__"))]:
        shutil.rmtree(folder, ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]
