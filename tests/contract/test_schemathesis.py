"""The OpenAPI document is the contract: Schemathesis, with every check on, finds nothing.

The deployment is the app of a real backend (a SQLite file, or a fresh PostgreSQL schema)
in test mode, served by uvicorn in this process (so password hashing can take argon2's
smallest cost). Schemathesis' own CLI runs against it, as a user would run it, through all
its phases (schema examples, coverage, fuzzing, stateful sequences following the
document's links), signing in through test control (tests/contract/schemathesis_auth.py)
with the settings of tests/contract/schemathesis.toml. Its JSON report gives the figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from backend.api.app import create_app
from backend.bootstrap import Backend
from tests.contract.conftest import TEST_TOKEN, in_test_mode, served
from tests.contract.schemathesis_auth import BASE_URL_ENV, TEST_TOKEN_ENV

ROOT = Path(__file__).parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
MAX_EXAMPLES = 50  # per operation and phase: about 1,500 cases in all
MIN_CASES = 1000
TIME_LIMIT_S = 300  # measured on 2 busy cores: 60 to 150 s per store


def test_schemathesis_with_every_check_finds_no_failure(
        backend: Backend, fast_password_hashing: None, tmp_path: Path):
    report = tmp_path / "schemathesis.json"
    with served(create_app(in_test_mode(backend))) as base_url:
        env = {**os.environ, "SCHEMATHESIS_HOOKS": "tests.contract.schemathesis_auth",
               BASE_URL_ENV: base_url, TEST_TOKEN_ENV: TEST_TOKEN,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                           os.environ.get("PYTHONPATH")]))}
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "--config-file", str(CONFIG), "--no-color",
             "run", f"{base_url}/openapi.json", "--checks", "all",
             "--max-examples", str(MAX_EXAMPLES), "--workers", "1",
             "--report", "json", "--report-json-path", str(report)],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=TIME_LIMIT_S)
        elapsed = time.monotonic() - started

    output = run.stdout[-6000:] + run.stderr[-2000:]
    assert report.is_file(), f"Schemathesis wrote no report:\n{output}"
    summary = json.loads(report.read_text())
    cases = summary["test_cases"]
    print(f"schemathesis: {cases['generated']} cases, {cases['with_failures']} with failures, "
          f"{elapsed:.0f} s, seed {summary['seed']}")
    assert run.returncode == 0, output
    assert cases["with_failures"] == 0 and cases["errored"] == 0 and not summary["errors"], output
    assert summary["operations"]["tested"] == summary["operations"]["total"] >= 20, output
    assert {name: phase["status"] for name, phase in summary["phases"].items()} == {
        "examples": "skip",  # the document gives no examples: nothing to replay
        "coverage": "success", "fuzzing": "success", "stateful": "success"}, output
    assert cases["generated"] >= MIN_CASES, output
