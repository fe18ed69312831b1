"""R1: a sign-in for an unknown email checks the password against a dummy hash, so it takes
the time of a real check. The dummy is hashed once per hasher and then reused: hashing it
again on every unknown email would add argon2's hashing time to those refusals only, and
tell an unknown email from a known one by the clock. Found by mutation testing
(docs/mutation.md)."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from backend.domain.errors import InvalidCredentials
from backend.service_layer import auth


class CountingHasher(PasswordHasher):
    def __init__(self):
        super().__init__(time_cost=1, memory_cost=1024, parallelism=1)
        self.hashed = 0

    def hash(self, password, *, salt=None):
        self.hashed += 1
        return super().hash(password, salt=salt)


def test_r1_the_dummy_hash_is_made_once_per_hasher_and_reused(app, monkeypatch):
    first = CountingHasher()
    monkeypatch.setattr(auth, "hasher", first)
    monkeypatch.setattr(auth, "_dummy", None)
    for n in range(3):
        with pytest.raises(InvalidCredentials):
            app.sign_in(f"nobody-{n}@example.com", "whatever")
    assert first.hashed == 1
    dummy = auth._dummy
    second = CountingHasher()
    monkeypatch.setattr(auth, "hasher", second)  # the profile changed: a new dummy
    for n in range(2):
        with pytest.raises(InvalidCredentials):
            app.sign_in(f"nobody-else-{n}@example.com", "whatever")
    assert (first.hashed, second.hashed) == (1, 1)
    assert auth._dummy is not dummy and auth._dummy[0] is second
