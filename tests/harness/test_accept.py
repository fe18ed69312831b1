"""The suite for real, from outside the repository: `billing-center accept` from an empty
folder against a deployment started apart (`backend.cli serve --test-token`), and a failing
scenario under xdist, whose reports and artifacts are checked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fixtures.deployment import EmbeddedServer

ROOT = Path(__file__).resolve().parents[2]
RUN_DEADLINE_S = 600


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    started = EmbeddedServer(tmp_path_factory.mktemp("deployment"), ROOT)
    started.start()
    yield started
    started.stop()


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's code, from anywhere
    env.pop("BILLING_BASE_URL", None)
    env.pop("BILLING_TEST_TOKEN", None)
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=RUN_DEADLINE_S)


def test_the_gate_passes_from_an_empty_folder_and_leaves_the_reports(server, tmp_path):
    run = _run(["-m", "backend.cli", "accept", "--driver", "api", "--lang", "en", "-m",
                "smoke", f"--base-url={server.base_url}", f"--test-token={server.token}"],
               tmp_path)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    cases = list(ET.parse(tmp_path / "reports" / "junit.xml").iter("testcase"))
    assert len(cases) >= 12 and all(c.find("failure") is None for c in cases)
    steps = {p.get("value") for c in cases for p in c.iter("property") if p.get("name") == "step"}
    assert steps == {str(n) for n in range(12)}
    cucumber = json.loads((tmp_path / "reports" / "cucumber.json").read_text())
    assert sum(len(f["elements"]) for f in cucumber) == len(cases)
    page = (tmp_path / "reports" / "acceptance.html").read_text()
    assert page.count('<td class="passed">') == 12 and "not applicable" not in page
    # the deployment's files stay where it runs: the folder gets reports and pytest's cache
    assert not [p for p in tmp_path.rglob("*") if p.suffix in (".db", ".err", ".out")]
    assert (tmp_path / ".pytest_cache").is_dir()


def test_a_wrong_token_is_said_in_one_line_before_any_scenario(server, tmp_path):
    run = _run(["-m", "backend.cli", "accept", "--driver", "api", "-m", "smoke",
                f"--base-url={server.base_url}", f"--test-token=not-{server.token}"],
               tmp_path)
    assert run.returncode == pytest.ExitCode.USAGE_ERROR
    assert [line for line in run.stderr.splitlines() if line.strip()] == [
        f"ERROR: the test token is wrong for {server.base_url} (GET /api/testing/: 403)"]
    assert "passed" not in run.stdout and "failed" not in run.stdout


BROKEN = """\
Feature: Signing in, once rightly and once wrongly
  Background:
    Given Claire is the billing contact of a standard account in France
    And today is 2026-11-26

  @step-1 @R1
  Scenario: A billing contact signs in and sees her account
    When Claire signs in with her email and password
    Then she sees her account in the Billing Center

  @step-1 @R1
  Scenario: A wrong password opens her account
    When Claire tries to sign in with her email and a wrong password
    Then she sees her account in the Billing Center
"""

CONFTEST = """\
from pathlib import Path

import pytest

pytest_plugins = ["fixtures.suite"]


@pytest.fixture(autouse=True)
def where(deployment, worker_id, request):
    Path(f"where-{worker_id}-{request.node.name}").write_text(deployment.base_url)
"""

MORE = """\
import pytest


@pytest.mark.parametrize("n", range(8))
def test_more(n):
    pass
"""


def test_a_failure_under_xdist_is_in_every_report_with_its_artifacts(tmp_path):
    """Two workers, one embedded deployment they share, stopped at the end."""
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "pytest.ini").write_text("[pytest]\nbdd_features_base_dir = .\n")
    (tmp_path / "broken.feature").write_text(BROKEN)
    (tmp_path / "test_broken.py").write_text(
        "import pytest\nfrom pytest_bdd import scenarios\n\n"
        'pytestmark = pytest.mark.usefixtures("driver")\nscenarios("broken.feature")\n')
    (tmp_path / "test_more.py").write_text(MORE)
    run = _run(["-m", "pytest", "-p", "no:cacheprovider", "-n", "2", "--driver", "api",
                "--lang", "en", "--lang", "fr", "--reports", "out", "--alluredir", "allure"],
               tmp_path)
    assert run.returncode == pytest.ExitCode.TESTS_FAILED, run.stdout[-3000:] + run.stderr
    out = tmp_path / "out"

    suites = ET.parse(out / "junit.xml").getroot()
    failed = [c.get("name") for c in suites.iter("testcase") if c.find("failure") is not None]
    assert sorted(failed) == ["test_a_wrong_password_opens_her_account[api-en]",
                              "test_a_wrong_password_opens_her_account[api-fr]"]

    cucumber = json.loads((out / "cucumber.json").read_text())
    elements = [e for f in cucumber for e in f["elements"]]
    assert len(elements) == 4
    statuses = {e["name"]: {s["result"]["status"] for s in e["steps"]} for e in elements}
    assert "failed" in statuses["A wrong password opens her account"]
    assert statuses["A billing contact signs in and sees her account"] == {"passed"}

    page = (out / "acceptance.html").read_text()
    assert page.count('<td class="failed">') == 2  # step 1, api-en and api-fr
    links = re.findall(r'href="([^"#][^"]*)"', page)
    assert len(links) == 2 and all((out / link).is_file() for link in links)
    exchanges = (out / links[0]).read_text()
    assert "api driver" in exchanges and "/api/session" in exchanges

    allure = [json.loads(p.read_text()) for p in (tmp_path / "allure").glob("*-result.json")]
    # Allure says "broken" for an error that is not a failed assertion
    scenarios = sorted((r["name"], r["status"].replace("broken", "failed")) for r in allure
                       if r.get("steps"))
    assert scenarios == [("A billing contact signs in and sees her account", "passed")] * 2 + [
        ("A wrong password opens her account", "failed")] * 2

    where = {p.read_text() for p in tmp_path.glob("where-*")}
    workers = {p.name.split("-")[1] for p in tmp_path.glob("where-*")}
    assert len(where) == 1 and workers == {"gw0", "gw1"}
    with pytest.raises(httpx.ConnectError):  # stopped at the end of the run
        httpx.get(f"{where.pop()}/api/health", timeout=5)
