"""A deployment configured with another Corporate Billing Portal and another seller country
(BILLING_CORPORATE_PORTAL_URL, BILLING_SELLER_COUNTRY): the scenarios that depend on them
read the configured values through test control (`GET /api/testing/config`), so they pass
there as well; made to use the defaults instead, the same scenarios fail."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from backend.settings import Settings
from fixtures.deployment import EmbeddedServer

ROOT = Path(__file__).resolve().parents[2]
RUN_DEADLINE_S = 600
PORTAL = "https://billing-portal.example.test/corporate"
SELLER = "DE"
# The portal refusal, and the VAT rows whose reverse charge depends on the seller: Germany
# (now the seller's country: its own number is taxed) and Ireland (the default seller's).
SELECTION = ("sent_to_the_corporate_billing_portal or "
             "(vat_in_every_country and (Germany or Ireland))")

# Loaded with -p: the harness reports the defaults whatever the deployment says.
DEFAULTS_PLUGIN = '''\
from backend.settings import Settings
from fixtures.accounts import TestControl
from steps.world import DeploymentConfig

DEFAULTS = DeploymentConfig(
    corporate_portal_url=Settings.model_fields["corporate_portal_url"].default,
    seller_country=Settings.model_fields["seller_country"].default,
)


def pytest_configure(config):
    TestControl.configuration = lambda self: DEFAULTS
'''


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    with pytest.MonkeyPatch.context() as patch:  # the server copies the environment at start
        patch.setenv("BILLING_CORPORATE_PORTAL_URL", PORTAL)
        patch.setenv("BILLING_SELLER_COUNTRY", SELLER)
        started = EmbeddedServer(tmp_path_factory.mktemp("configured"), ROOT)
        started.start()
    yield started
    started.stop()


def _accept(server: EmbeddedServer, cwd: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join((str(ROOT), str(cwd)))}
    for name in ("BILLING_BASE_URL", "BILLING_TEST_TOKEN", "BILLING_CORPORATE_PORTAL_URL",
                 "BILLING_SELLER_COUNTRY"):
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "accept", "--driver", "api", "--lang", "en",
         "-n", "0", "-k", SELECTION, f"--base-url={server.base_url}",
         f"--test-token={server.token}", *extra],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=RUN_DEADLINE_S)


def _counts(run: subprocess.CompletedProcess[str]) -> dict[str, int]:
    return {word: int(n) for n, word in re.findall(r"(\d+) (passed|failed|error)", run.stdout)}


def test_the_deployment_reports_what_it_is_configured_with(server):
    defaults = Settings.model_fields
    assert (PORTAL, SELLER) != (defaults["corporate_portal_url"].default,
                                defaults["seller_country"].default)
    answer = httpx.get(f"{server.base_url}/api/testing/config",
                       headers={"X-Test-Token": server.token})
    assert answer.json() == {"corporate_portal_url": PORTAL, "seller_country": SELLER}


def test_the_scenarios_check_the_configured_portal_and_seller(server, tmp_path):
    run = _accept(server, tmp_path)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert _counts(run) == {"passed": 3}, run.stdout[-2000:]


def test_the_same_scenarios_fail_when_the_harness_assumes_the_defaults(server, tmp_path):
    (tmp_path / "assume_defaults.py").write_text(DEFAULTS_PLUGIN)
    run = _accept(server, tmp_path, "-p", "assume_defaults")
    assert run.returncode == 1, run.stdout[-3000:] + run.stderr[-3000:]
    assert _counts(run) == {"failed": 3}, run.stdout[-2000:]
    assert PORTAL in run.stdout  # the portal scenario failed on the link
    assert "reverse charged in the seller's country" in run.stdout  # Ireland, default seller
    assert "not reverse charged (the seller is in IE)" in run.stdout  # Germany, now the seller
