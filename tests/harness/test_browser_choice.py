"""Which of the machine's chromium builds the web driver launches when Playwright's own is
missing: the headless shell for headless runs (a web scenario's median 1.5 s against 2.3 s
in the full browser), the full browser for headed ones (the shell cannot show a window)."""

from __future__ import annotations

import shutil

import pytest

from fixtures import browser

FULL = "/usr/bin/chromium"
SHELL = "/usr/bin/chromium-headless-shell"


@pytest.fixture
def installed(monkeypatch):
    """`installed(*paths)`: the machine holds only these executables (and names none in
    BILLING_CHROMIUM)."""
    monkeypatch.delenv("BILLING_CHROMIUM", raising=False)

    def only(*paths: str) -> None:
        def which(name: str) -> str | None:
            return next((p for p in paths if p == name or p.endswith("/" + name)), None)

        monkeypatch.setattr(shutil, "which", which)

    return only


def test_headless_runs_take_the_headless_shell_first(installed):
    installed(FULL, SHELL)
    assert browser._system_chromium(headless=True) == SHELL


def test_headed_runs_never_take_the_headless_shell(installed):
    installed(FULL, SHELL)
    assert browser._system_chromium(headless=False) == FULL


def test_without_the_shell_headless_runs_take_the_full_browser(installed):
    installed(FULL)
    assert browser._system_chromium(headless=True) == FULL


def test_without_the_full_browser_headed_runs_find_none(installed):
    installed(SHELL)
    assert browser._system_chromium(headless=False) is None


def test_an_executable_named_in_the_environment_comes_first(installed, monkeypatch):
    installed(FULL, SHELL)
    monkeypatch.setenv("BILLING_CHROMIUM", "/opt/chromium/chrome")
    assert browser._system_chromium(headless=True) == "/opt/chromium/chrome"
