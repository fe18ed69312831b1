"""The mutation score of the domain and the service layer (docs/mutation.md).

Runs mutmut (configured in pyproject.toml, [tool.mutmut]) with one worker unless told
otherwise (--children), then prints, for backend/domain and backend/service_layer apart and
together, how many mutants the tests killed. Needs the `mutation` extra
(`pip install -e '.[mutation]'`). Run it by hand, from the repository (not a test):

    python3 bench/mutation.py                     # both folders (mutmut reuses mutants/)
    python3 bench/mutation.py --area domain       # only backend/domain
    python3 bench/mutation.py --area domain --tests unit  # with tests/unit alone: minutes
    python3 bench/mutation.py --area service_layer --tests no-api  # unit + integration
    python3 bench/mutation.py --area service_layer --tests no-api --retry  # the survivors
    python3 bench/mutation.py --report            # no run: the score of the last one
    python3 bench/mutation.py --report --survivors  # ... and the names of the survivors

mutmut keeps its results in mutants/; naming an area (mutmut's pattern) runs every mutant of
it again, and --retry only those not killed last time. Delete mutants/ to start over; a
changed test selection starts over too. With PostgreSQL ($BILLING_TEST_POSTGRES_URL or
--postgres), the row-lock races run there, and only they (the other PostgreSQL tests
repeat their SQLite twins). `mutmut show NAME` prints one mutant's diff.

The score is killed / (every mutant mutmut made), where killed counts a failing test, a
timeout and a crash. A mutant listed as equivalent in docs/mutation.md (the table's first
column) is one no test can kill; the second score leaves those out.
Exits 1 when the score without the equivalents is under --target (default 90).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
DOC = ROOT / "docs" / "mutation.md"
AREAS = {"domain": "backend.domain", "service_layer": "backend.service_layer"}
POSTGRES_ENV = "BILLING_TEST_POSTGRES_URL"  # tests/conftest.py's switch
# With PostgreSQL, only the tests that need it run there: the row-lock races, which SQLite's
# serial writers cannot show. Every other PostgreSQL test repeats its SQLite twin.
WALL_CLOCK_LIMIT = "--timeout=180"  # s per test; the slowest takes ~30 s on a loaded machine
POSTGRES_ONLY_WHERE_NEEDED = '-k "not postgres or row_locks or concurrency"'

# mutmut's exit codes (mutmut/stats.py): which count as killed
KILLED = {1: "killed", 3: "killed", 36: "timeout", 24: "timeout", -24: "timeout",
          152: "timeout", 255: "timeout", 37: "type check", -11: "crash", -9: "crash"}
STATUS = {0: "survived", 5: "no tests", 33: "no tests", 34: "skipped", None: "not checked"}


def status(code: int | None) -> str:
    return KILLED.get(code) or STATUS.get(code, "suspicious")  # type: ignore[arg-type]


def results() -> dict[str, int | None]:
    """mutant name -> mutmut's exit code, for every mutant of the last run."""
    out: dict[str, int | None] = {}
    for meta in sorted(MUTANTS.glob("backend/**/*.py.meta")):
        out.update(json.loads(meta.read_text("utf-8"))["exit_code_by_key"])
    return out


def equivalents() -> set[str]:
    """The mutants docs/mutation.md lists as equivalent (first column of its tables, in
    backquotes, on rows whose verdict says "equivalent")."""
    if not DOC.exists():
        return set()
    names = set()
    for line in DOC.read_text("utf-8").splitlines():
        m = re.match(r"\|\s*`([\w.]+__mutmut_\d+)`\s*\|(.*)", line)
        if m and "equivalent" in m.group(2).lower():
            names.add(m.group(1))
    return names


def score(names: list[str], codes: dict[str, int | None], left_out: set[str]
          ) -> tuple[int, int]:
    """(killed, counted) among `names`, leaving out `left_out` and the skipped."""
    counted = [n for n in names if n not in left_out and status(codes[n]) != "skipped"]
    return sum(1 for n in counted if codes[n] in KILLED), len(counted)


def shown(killed: int, counted: int) -> str:
    return f"{killed}/{counted} killed = {100.0 * killed / counted if counted else 0:.1f}%"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--area", choices=[*AREAS, "all"], default="all")
    parser.add_argument("--report", action="store_true", help="no run: read the last results")
    parser.add_argument("--survivors", action="store_true", help="list the mutants not killed")
    parser.add_argument("--target", type=float, default=90.0)
    parser.add_argument("--tests", choices=["config", "no-api", "unit"], default="config",
                        help="config: pyproject's selection (unit, integration, api); no-api: "
                             "unit and integration, without tests/api, which repeat the "
                             "integration tests through HTTP (the service layer's selection, "
                             "docs/mutation.md); unit: tests/unit alone, minutes instead of "
                             "hours")
    parser.add_argument("--postgres", default=os.environ.get(POSTGRES_ENV, ""),
                        metavar="URL", help=f"run the row-lock tests on this server (default: "
                        f"${POSTGRES_ENV}); without one they skip and the lock mutants survive")
    parser.add_argument("--retry", action="store_true",
                        help="rerun, by name, only the area's mutants not killed last time "
                             "(after adding tests: mutmut keeps a verdict otherwise)")
    parser.add_argument("--children", type=int, default=1, metavar="N",
                        help="mutants run at once (default 1: one core, the machine stays "
                             "usable; each child runs its own tests)")
    options = parser.parse_args()
    areas = list(AREAS) if options.area == "all" else [options.area]

    if not options.report:
        names = [AREAS[a] + "*" for a in areas]
        if options.retry:
            codes = results()
            names = [n for n in codes if n.startswith(tuple(AREAS[a] + "." for a in areas))
                     and codes[n] not in KILLED and status(codes[n]) != "skipped"]
            if not names:
                print("nothing to retry")
        env = dict(os.environ)
        # A mutant that deadlocks a test (the write queue never released) uses no CPU, so
        # mutmut's CPU-time limit never ends it: pytest-timeout fails such a test after a
        # wall-clock limit, and the mutant counts as killed. The environment, not pyproject:
        # mutmut starts over when its own selection changes.
        env["PYTEST_ADDOPTS"] = f"{env.get('PYTEST_ADDOPTS', '')} {WALL_CLOCK_LIMIT}"
        if options.postgres:
            env[POSTGRES_ENV] = options.postgres
            env["PYTEST_ADDOPTS"] = f"{env.get('PYTEST_ADDOPTS', '')} {POSTGRES_ONLY_WHERE_NEEDED}"
        else:
            print(f"no PostgreSQL ({POSTGRES_ENV} or --postgres): the row-lock mutants will "
                  "survive")
        command = [sys.executable, __file__, "--mutmut", options.tests, "run",
                   "--max-children", str(options.children), *names]
        run = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, env=env) \
            if names else subprocess.CompletedProcess(command, 0)
        if run.returncode != 0:
            print(f"mutmut failed ({run.returncode}); rerun `{' '.join(command)}` to see why")
            return run.returncode

    codes = results()
    if not codes:
        print("no results in mutants/: run without --report first")
        return 2
    equivalent = equivalents()
    worst = 100.0
    everything: list[str] = []
    for area in areas:
        names = [n for n in codes if n.startswith(AREAS[area] + ".")]
        everything += names
        tally = Counter(status(codes[n]) for n in names)
        killed, counted = score(names, codes, equivalent)
        print(f"{area:14} {shown(*score(names, codes, set()))}; without the "
              f"{sum(1 for n in names if n in equivalent)} equivalent: {shown(killed, counted)}"
              f"  ({', '.join(f'{k} {v}' for k, v in sorted(tally.items()))})")
        worst = min(worst, 100.0 * killed / counted if counted else 0.0)
    if len(areas) > 1:
        print(f"{'both':14} {shown(*score(everything, codes, set()))}; without the "
              f"equivalent: {shown(*score(everything, codes, equivalent))}")
    if options.survivors:
        for n in everything:
            if codes[n] not in KILLED and n not in equivalent:
                print(f"  {status(codes[n]):12} {n}")
    return 0 if worst >= options.target else 1


def mutmut(tests: str, args: list[str]) -> int:
    """mutmut's command line, with pyproject's test selection narrowed to tests/unit when
    `tests` is "unit", or without tests/api when it is "no-api" (mutmut reads its settings
    from pyproject.toml alone)."""
    from mutmut import configuration
    from mutmut.__main__ import cli

    dropped = {"unit": ("tests/integration", "tests/api", "--ignore=tests/integ"),
               "no-api": ("tests/api",)}.get(tests)
    if dropped:
        settings = configuration.config()
        settings.pytest_add_cli_args_test_selection = [
            a for a in settings.pytest_add_cli_args_test_selection if not a.startswith(dropped)
        ]
    return cli.main(args, prog_name="mutmut", standalone_mode=False) or 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--mutmut"]:
        sys.exit(mutmut(sys.argv[2], sys.argv[3:]))
    sys.exit(main())
