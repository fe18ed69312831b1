"""Test accounts' passwords are hashed ahead on a thread, each one fresh and as strong as a
real account's, and never by a hasher the deployment no longer uses."""

from __future__ import annotations

import os
import re
import sys
import threading

import pytest
from argon2 import extract_parameters

from backend.adapters.passwords import OWASP, hasher_for
from backend.service_layer import auth
from backend.service_layer.test_passwords import HashedPasswords
from tests.threads import wait_until


def test_each_pair_is_fresh_and_hashed_with_the_deployments_profile(monkeypatch) -> None:
    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    pool = HashedPasswords(ahead=2)
    pairs = [pool.take() for _ in range(5)]
    assert len({p for p, _h in pairs}) == 5 and len({h for _p, h in pairs}) == 5
    for password, hashed in pairs:
        assert auth.hasher.verify(hashed, password)
        assert extract_parameters(hashed) == OWASP


def test_pairs_of_a_replaced_hasher_are_dropped(monkeypatch) -> None:
    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    pool = HashedPasswords(ahead=2)
    pool.take()
    wait_until(lambda: pool._ready.full())  # made ahead by the old hasher
    monkeypatch.setattr(auth, "hasher", hasher_for("rfc9106-low-memory"))
    password, hashed = pool.take()
    assert extract_parameters(hashed) == extract_parameters(auth.hasher.hash("x"))
    assert auth.hasher.verify(hashed, password)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread nice is Linux's")
def test_the_hashing_thread_yields_the_cpu_to_requests(monkeypatch) -> None:
    """A sign-in's argon2 check competes with this thread for the same cores: the thread runs
    at nice 19, the request threads keep the process's priority."""
    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    pool = HashedPasswords(ahead=1)
    pool.take()
    wait_until(lambda: pool._filler is not None and pool._filler.native_id is not None)
    filler = pool._filler.native_id
    wait_until(lambda: os.getpriority(os.PRIO_PROCESS, filler) == 19)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < 19


def test_the_hashing_thread_is_a_named_daemon(monkeypatch) -> None:
    """It waits forever on a full queue: as a daemon it never keeps a process from exiting
    (a server stopping, a test run ending), and its name says what it is in a thread dump."""
    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    pool = HashedPasswords(ahead=1)
    pool.take()
    assert pool._filler is not None
    assert pool._filler.daemon is True
    assert pool._filler.name == "test-password-hashing"


def test_a_test_password_is_96_random_bits_in_16_url_safe_characters(monkeypatch) -> None:
    """Strong enough for an account that lives on a shared test deployment, short enough to
    type into the TUI or a browser when a QA engineer signs in by hand."""
    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    password, hashed = HashedPasswords._make(auth.hasher)
    assert re.fullmatch(r"[A-Za-z0-9_-]{16}", password), password
    assert auth.hasher.verify(hashed, password)
