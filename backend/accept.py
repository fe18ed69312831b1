"""`billing-center accept [pytest options]`: the acceptance suite installed with the package
(features, steps, drivers, fixtures), run by pytest from any folder against any deployment,
so a QA team gates a release without this repository:

    billing-center accept --driver api -m smoke --base-url URL --test-token T

The suite's pytest configuration (markers, the features folder, its plugins) comes from
`fixtures/accept.ini` and the `fixtures.suite` plugin, both installed with the package; the
folder it runs from only receives the reports (`reports/`, or `--reports DIR`) and pytest's
cache (so `--lf` reruns the failures). Without `--base-url` (or BILLING_BASE_URL) it starts
an embedded deployment, as in the repository.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

USAGE = """usage: billing-center accept [pytest options]

Runs the packaged acceptance suite with pytest from the current folder. Options are pytest's
and the suite's: --driver api|web|tui, --lang en|fr (repeatable), --base-url URL and
--test-token=T (or BILLING_BASE_URL, BILLING_TEST_TOKEN), --reports DIR, -m "smoke",
-n 2 (pytest-xdist), --splits N --group I (pytest-split). The reports go to ./reports/.
Write a value that may begin with "-" (a token) as --test-token=VALUE, with "=".
"""


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def command(args: list[str], cwd: Path) -> list[str] | str:
    """The pytest command line, or why it cannot run (one line)."""
    if importlib.util.find_spec("pytest") is None or importlib.util.find_spec("pytest_bdd") is None:
        return ("billing-center accept: the suite needs its test tools: "
                "pip install 'billing-center[test]'")
    features, fixtures = _package_dir("features"), _package_dir("fixtures")
    if features is None or fixtures is None or not (features / "test_scenarios.py").exists():
        return "billing-center accept: the acceptance suite is not installed with this package"
    installed = features.parent
    return [
        sys.executable, "-m", "pytest",
        "-c", str(fixtures / "accept.ini"),
        "--rootdir", str(installed),
        "-o", f"cache_dir={cwd / '.pytest_cache'}",
        str(features / "test_scenarios.py"),
        *args,
    ]


def main(args: list[str]) -> int:
    if args[:1] in (["-h"], ["--help"]):
        print(USAGE, end="")
        return 0
    cwd = Path.cwd()
    line = command(args, cwd)
    if isinstance(line, str):
        print(line, file=sys.stderr)
        return 2
    return subprocess.call(line, cwd=cwd, env=dict(os.environ))
