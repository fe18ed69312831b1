"""argon2 runs on a bounded set of threads (backend/adapters/passwords.py): the memory a
hash allocates stays with a few threads that reuse it, whatever thread asks for the hash."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import argon2._password_hasher as argon2_hasher
import pytest
from argon2.exceptions import VerifyMismatchError

from backend.adapters import passwords
from backend.adapters.passwords import hasher_for
from backend.service_layer import auth
from backend.service_layer.test_passwords import HashedPasswords
from tests.threads import join_all


@pytest.fixture()
def argon2_calls(monkeypatch) -> list[tuple[str, bytes]]:
    """(thread name, password) of each argon2 hash or check while the test runs. Threads of
    earlier tests (test-account passwords hashed ahead) may add theirs: tests look at their
    own passwords."""
    seen: list[tuple[str, bytes]] = []
    real_hash, real_verify = argon2_hasher.hash_secret, argon2_hasher.verify_secret

    def hash_secret(**kwargs):
        seen.append((threading.current_thread().name, kwargs["secret"]))
        return real_hash(**kwargs)

    def verify_secret(hash, secret, type):  # noqa: A002 - argon2's own names
        seen.append((threading.current_thread().name, secret))
        return real_verify(hash, secret, type)

    monkeypatch.setattr(argon2_hasher, "hash_secret", hash_secret)
    monkeypatch.setattr(argon2_hasher, "verify_secret", verify_secret)
    return seen


def test_hashes_and_checks_asked_from_many_threads_run_on_at_most_one_per_core(
        argon2_calls) -> None:
    hasher = hasher_for("owasp")
    stored = hasher.hash("correct horse")
    failures: list[BaseException] = []

    def sign_in_twice() -> None:
        try:
            for _ in range(2):
                assert hasher.verify(stored, "correct horse")
                hasher.hash("battery staple")
        except BaseException as e:  # noqa: BLE001 - reported by the test below
            failures.append(e)

    asking = [threading.Thread(target=sign_in_twice) for _ in range(8)]
    for t in asking:
        t.start()
    assert join_all(asking, within_s=60) == []
    assert failures == []
    ours = [name for name, secret in argon2_calls
            if secret in (b"correct horse", b"battery staple")]
    assert len(ours) == 1 + 8 * 2 * 2
    assert all(name.startswith("argon2") for name in ours)
    assert len(set(ours)) <= passwords._hashing_threads()


def test_a_wrong_password_is_refused_to_the_thread_that_asked() -> None:
    hasher = hasher_for("owasp")
    with pytest.raises(VerifyMismatchError):
        hasher.verify(hasher.hash("correct horse"), "wrong horse")


def test_test_passwords_hashed_ahead_stay_on_their_low_priority_thread(
        monkeypatch, argon2_calls) -> None:
    """On the pool they would run at the process's priority, ahead of sign-ins."""
    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    ahead = HashedPasswords(ahead=1)
    ahead.take()
    _hasher, password, _hashed = ahead._ready.get(timeout=60)  # one made by the thread
    assert ("test-password-hashing", password.encode()) in argon2_calls


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads ru_maxrss in KiB")
def test_a_burst_of_sign_ins_holds_one_hashs_memory_per_hashing_thread() -> None:
    """16 threads sign in three times each. With a hash per asking thread, glibc kept a
    19 MiB block in each one's heap (~300 MiB here); on two hashing threads the process grows
    by about two blocks. Run in a fresh interpreter so nothing else has grown it."""
    script = textwrap.dedent("""
        import resource, threading
        from backend.adapters import passwords
        passwords._hashing_threads = lambda: 2
        hasher = passwords.hasher_for("owasp")
        stored = hasher.hash("correct horse")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        def sign_ins():
            for _ in range(3):
                hasher.verify(stored, "correct horse")
        threads = [threading.Thread(target=sign_ins) for _ in range(16)]
        for t in threads: t.start()
        for t in threads: t.join()
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
    """)
    grown_mib = int(subprocess.run([sys.executable, "-c", script], check=True,
                                   capture_output=True, text=True, timeout=120).stdout)
    assert grown_mib <= 3 * 19 + 10, f"grew by {grown_mib} MiB"
