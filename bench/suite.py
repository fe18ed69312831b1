"""Timings of the acceptance suite: per scenario (median, p95) and wall time, for each column
of the matrix (driver x language), then optionally the whole matrix at once and the gate.

Run by hand (not a test), from the repository:

    python3 bench/suite.py                              # api en, api fr (each in one process)
    python3 bench/suite.py --driver api --driver tui -n 2
    python3 bench/suite.py --driver api --driver web --driver tui --matrix --gate -n 2

Per-scenario times are pytest's (junit.xml: setup + call + teardown), so the first scenario
of each process also carries the embedded deployment's start. Before timing, the bench
leaves the bytecode a normal install leaves (`pytest_runs.warm_up`); `--cold` keeps none,
so every pytest process compiles the sources first, as this project's machines
(PYTHONDONTWRITEBYTECODE) do on every run. CPU is pytest's and its
waited-for children's (the embedded server without -n; under xdist the shared server is
not a child of the run): the run's cost whatever else the machine is doing. Prints a
Markdown table.
"""

from __future__ import annotations

import argparse
import re
import statistics

from pytest_runs import cool_down, percentile, run_suite, warm_up

NOT_PASSED: list[str] = []


def _row(what: str, run) -> str:  # noqa: ANN001
    times = [c.seconds for c in run.cases]
    failed = sum(c.outcome != "passed" for c in run.cases)
    NOT_PASSED.extend(f"{what}: {c.nodeid} {c.outcome}" for c in run.cases
                      if c.outcome != "passed")
    if not times:
        return f"| {what} | 0 | - | - | {run.wall_s:.1f} s | - | exit {run.exit_code} |"
    return (f"| {what} | {len(times)} | {statistics.median(times) * 1000:.0f} ms | "
            f"{percentile(times, 0.95) * 1000:.0f} ms | {run.wall_s:.1f} s | "
            f"{run.cpu_s:.1f} s | "
            f"{'all passed' if not failed else f'{failed} not passed'} |")


def _by_column(cases) -> dict[str, list]:  # noqa: ANN001
    """Cases by their id's driver-language (`test_x[api-fr]`, `test_y[tui-en-2027-01-31]`)."""
    columns: dict[str, list] = {}
    for case in cases:
        match = re.search(r"\[(api|web|tui)-(en|fr)\b", case.nodeid)
        if match:
            columns.setdefault(f"{match[1]}-{match[2]}", []).append(case)
    return dict(sorted(columns.items()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--driver", action="append", choices=["api", "web", "tui"])
    parser.add_argument("--lang", action="append", choices=["en", "fr"])
    parser.add_argument("-n", dest="workers", default="0",
                        help="pytest-xdist workers for every run (default 0: one process)")
    parser.add_argument("--matrix", action="store_true",
                        help="also run every selected column together")
    parser.add_argument("--gate", action="store_true", help="also run -m smoke, together")
    parser.add_argument("--no-columns", action="store_true", help="skip the per-column runs")
    parser.add_argument("--cold", action="store_true",
                        help="time without compiled bytecode (see above)")
    parser.add_argument("pytest_args", nargs="*", help="more pytest options (after --)")
    options = parser.parse_args()
    drivers = options.driver or ["api"]
    langs = options.lang or ["en", "fr"]
    common = ["-n", options.workers, *options.pytest_args]
    selected = [a for d in drivers for a in ("--driver", d)] + \
        [a for lang in langs for a in ("--lang", lang)]

    if options.cold:
        cool_down()
    else:
        warm_up(selected)
    print(f"-n {options.workers}{', cold' if options.cold else ''}\n")
    print("| run | scenarios | median | p95 | wall | CPU | result |")
    print("|---|---|---|---|---|---|---|")
    if not options.no_columns:
        for driver in drivers:
            for lang in langs:
                run = run_suite(["--driver", driver, "--lang", lang, *common])
                print(_row(f"{driver}-{lang}", run), flush=True)
    if options.matrix:
        run = run_suite([*selected, *common])
        print(_row(" + ".join(f"{d}" for d in drivers) + " x " + ", ".join(langs), run),
              flush=True)
        for column, cases in _by_column(run.cases).items():
            times = [c.seconds for c in cases]
            print(f"| &nbsp; of which {column} | {len(times)} | "
                  f"{statistics.median(times) * 1000:.0f} ms | "
                  f"{percentile(times, 0.95) * 1000:.0f} ms | | | |")
    if options.gate:
        print(_row("gate (-m smoke)", run_suite([*selected, "-m", "smoke", *common])),
              flush=True)
    for line in NOT_PASSED:
        print(line)
    return 1 if NOT_PASSED else 0


if __name__ == "__main__":
    raise SystemExit(main())
