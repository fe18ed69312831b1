"""The acceptance harness's embedded deployment (fixtures/deployment.py) starts whatever its
random token looks like, and says in one line why when it cannot start."""

from __future__ import annotations

import secrets
from pathlib import Path

import httpx
import pytest

from fixtures.deployment import EmbeddedServer, reason_line

ROOT = Path(__file__).resolve().parents[1]
DEADLINE_S = 60.0


def test_a_token_that_begins_with_a_dash_is_not_taken_for_an_option(tmp_path):
    token = "-" + secrets.token_urlsafe(16)  # what token_urlsafe gives one time in 64
    server = EmbeddedServer(tmp_path, ROOT, DEADLINE_S, token=token)
    server.start()
    try:
        emails = f"{server.base_url}/api/testing/accounts/1/emails"
        assert httpx.get(emails, headers={"X-Test-Token": token}).status_code != 403
        assert httpx.get(emails, headers={"X-Test-Token": "x" + token}).status_code == 403
    finally:
        server.stop()


def test_a_deployment_that_cannot_start_says_why_in_one_line(tmp_path):
    server = EmbeddedServer(tmp_path, ROOT, DEADLINE_S, database="mysql://u@h/db")
    with pytest.raises(pytest.fail.Exception) as failed:
        server.start()
    message = str(failed.value)
    assert "\n" not in message.strip(), message
    assert message.startswith("the embedded deployment did not start: billing-center: "
                              "cannot use the database mysql://u@h/db: "), message
    assert "exit status 2" in message and f"full log: {server.stderr}" in message


@pytest.mark.parametrize("stderr, expected", [
    ("INFO:     Started server process [1]\nTraceback (most recent call last):\n"
     '  File "x.py", line 1, in <module>\nValueError: boom\n\n'
     "INFO:     Application shutdown complete.\n", "ValueError: boom"),
    ("usage: billing-center serve [-h]\n"
     "billing-center serve: error: argument --test-token: expected one argument\n",
     "billing-center serve: error: argument --test-token: expected one argument"),
    ("INFO:     Waiting for application startup.\n", ""),
    ("", ""),
])
def test_the_reason_is_the_last_line_that_is_not_progress(stderr, expected):
    assert reason_line(stderr) == expected
