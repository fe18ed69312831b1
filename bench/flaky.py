"""Stability of the acceptance suite: runs the same selection N times and lists every
scenario whose result changed between runs (or that ran in some runs only).

Run by hand (not a test), from the repository:

    python3 bench/flaky.py --runs 10                       # api driver, en and fr
    python3 bench/flaky.py --runs 3 --driver tui -n 2

Exits 1 when any scenario changed, 0 when every one kept its result in every run. A run in
which anything failed leaves its reports (matrix, junit.xml, the failed scenarios' artifacts,
pytest's output) in `--keep DIR/run-N` (default reports/flaky), to see why.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from pytest_runs import run_suite


def changed(runs: list[dict[str, str]]) -> dict[str, list[str]]:
    """nodeid -> its outcome in each run ("absent" where it did not run), for those whose
    outcome was not the same in every run."""
    nodeids = sorted(set().union(*runs)) if runs else []
    history = {n: [run.get(n, "absent") for run in runs] for n in nodeids}
    return {n: outcomes for n, outcomes in history.items() if len(set(outcomes)) > 1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--driver", action="append", choices=["api", "web", "tui"])
    parser.add_argument("--lang", action="append", choices=["en", "fr"])
    parser.add_argument("-n", dest="workers", default="0")
    parser.add_argument("--keep", type=Path, default=Path("reports/flaky"),
                        help="where a run with failures leaves its reports (run-N)")
    parser.add_argument("pytest_args", nargs="*", help="more pytest options (after --)")
    options = parser.parse_args()
    args = [a for d in options.driver or ["api"] for a in ("--driver", d)]
    args += [a for lang in options.lang or ["en", "fr"] for a in ("--lang", lang)]
    args += ["-n", options.workers, *options.pytest_args]

    runs: list[dict[str, str]] = []
    failures: dict[str, int] = defaultdict(int)
    for i in range(1, options.runs + 1):
        run = run_suite(args, keep_failed=(options.keep / f"run-{i}").resolve())
        outcomes = {c.nodeid: c.outcome for c in run.cases}
        runs.append(outcomes)
        for nodeid, outcome in outcomes.items():
            failures[nodeid] += outcome != "passed"
        not_passed = sum(o != "passed" for o in outcomes.values())
        print(f"run {i}: {len(outcomes)} scenarios, {not_passed} not passed, "
              f"{run.wall_s:.0f} s"
              + (f" (reports kept in {options.keep / f'run-{i}'})" if not_passed else ""),
              flush=True)
    moved = changed(runs)
    steady_failures = [n for n, count in failures.items() if count == len(runs)]
    print(f"\n{len(moved)} of {len(set().union(*runs))} scenarios changed result "
          f"over {len(runs)} runs")
    for nodeid, outcomes in moved.items():
        print(f"  {nodeid}: {' '.join(outcomes)}")
    if steady_failures:
        print(f"{len(steady_failures)} failed in every run (not flaky, broken):")
        for nodeid in steady_failures:
            print(f"  {nodeid}")
    return 1 if moved else 0


if __name__ == "__main__":
    raise SystemExit(main())
