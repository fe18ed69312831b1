"""The one line a run stops with when its deployment is not the one it needs, and the
options read from the environment."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from fixtures.selection import deployment_problem

URL = "http://billing.test"
ROOT = Path(__file__).resolve().parents[2]


def _deployment(health=(200, {"status": "ok"}), testing=(404, {"error": {
        "code": "not_found", "message": "no such account", "field": None}}), token="right"):
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/health":
            status, body = health
        elif request.url.path.startswith("/api/testing/"):
            if request.headers.get("X-Test-Token") != token and testing[0] != 404:
                status, body = testing
            elif request.headers.get("X-Test-Token") != token:
                status, body = 403, {"error": {"code": "invalid_test_token", "message": "no",
                                               "field": None}}
            else:
                status, body = testing
        else:
            status, body = 404, {"detail": "Not Found"}
        if isinstance(body, str):
            return httpx.Response(status, text=body)
        return httpx.Response(status, json=body)
    return httpx.MockTransport(answer)


def test_a_billing_center_in_test_mode_with_the_right_token_passes() -> None:
    assert deployment_problem(URL, "right", transport=_deployment()) is None


def test_a_wrong_token_is_said_in_one_line() -> None:
    problem = deployment_problem(URL, "wrong", transport=_deployment())
    assert problem == f"the test token is wrong for {URL} (GET /api/testing/: 403)"


def test_something_else_answering_is_said() -> None:
    problem = deployment_problem(URL, "right",
                                 transport=_deployment(health=(200, "<html>hello</html>")))
    assert problem == f"{URL} does not answer as a Billing Center (GET /api/health: 200)"
    problem = deployment_problem(URL, "right", transport=_deployment(health=(404, {})))
    assert "does not answer as a Billing Center (GET /api/health: 404)" in problem


def test_a_deployment_without_test_mode_is_said() -> None:
    problem = deployment_problem(URL, "right",
                                 transport=_deployment(testing=(404, {"detail": "Not Found"})))
    assert problem.startswith(f"{URL} is not in test mode")


def test_an_unreachable_deployment_is_said_after_the_deadline() -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    heard: list[str] = []
    problem = deployment_problem(f"http://127.0.0.1:{port}", "t", deadline_s=0.5,
                                 on_wait=heard.append)
    assert problem.startswith(f"cannot reach the deployment at http://127.0.0.1:{port} "
                              "within 0.5 s")
    assert "\n" not in problem
    # the wait is said once, at its start, not once per attempt
    assert len(heard) == 1
    assert heard[0].startswith(f"waiting up to 0.5 s for the deployment at "
                               f"http://127.0.0.1:{port} to answer")


def test_a_deployment_that_answers_at_once_is_not_waited_for() -> None:
    heard: list[str] = []
    assert deployment_problem(URL, "right", transport=_deployment(),
                              on_wait=heard.append) is None
    assert heard == []


def test_base_url_and_token_come_from_the_environment(tmp_path) -> None:
    """Read from BILLING_BASE_URL / BILLING_TEST_TOKEN, checked once at the session's start,
    before any test runs, and said in one line."""
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["fixtures.suite"]\n')
    (tmp_path / "test_nothing.py").write_text("def test_nothing():\n    pass\n")
    env = {**os.environ, "BILLING_BASE_URL": "http://127.0.0.1:9", "BILLING_TEST_TOKEN": "t",
           "BILLING_REACH_DEADLINE": "0", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                          "test_nothing.py"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == pytest.ExitCode.USAGE_ERROR, run.stdout + run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, run.stderr
    assert errors[0].startswith("ERROR: cannot reach the deployment at http://127.0.0.1:9 "
                                "within 0 s: ")
    assert "passed" not in run.stdout
