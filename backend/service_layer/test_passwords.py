"""Passwords of test accounts, hashed ahead of need (test mode only).

A test account costs one argon2 hash per person, which would make every scenario of the
acceptance suite wait on it. A background thread keeps a few (password, hash) pairs ready
instead, so that work happens while the client is busy elsewhere (argon2-cffi releases the
GIL). The thread runs at the lowest CPU priority the system offers, so on a busy machine it
takes only what requests leave: a sign-in's own argon2 check never waits behind it. Each
pair is a fresh random password hashed with its own salt by the deployment's hasher at the
time: exactly as strong as a real account's. Pairs made by a hasher no longer in use are
dropped.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading

from backend.adapters.passwords import PooledHasher
from backend.service_layer import auth


class HashedPasswords:
    def __init__(self, ahead: int = 4):
        self._ready: queue.Queue[tuple[PooledHasher, str, str]] = queue.Queue(maxsize=ahead)
        self._lock = threading.Lock()
        self._filler: threading.Thread | None = None

    @staticmethod
    def _make(hasher: PooledHasher) -> tuple[str, str]:
        password = secrets.token_urlsafe(12)
        return password, hasher.hash(password)

    def _fill(self) -> None:
        _lowest_priority()
        while True:
            hasher = auth.hasher
            password = secrets.token_urlsafe(12)
            hashed = hasher.hash_in_this_thread(password)  # at this thread's low priority
            self._ready.put((hasher, password, hashed))  # blocks while enough are ready

    def take(self) -> tuple[str, str]:
        """A (password, argon2 hash) pair nobody else has."""
        with self._lock:
            if self._filler is None:  # started by the first test account, never before
                self._filler = threading.Thread(target=self._fill, daemon=True,
                                                name="test-password-hashing")
                self._filler.start()
        while True:
            try:
                hasher, password, hashed = self._ready.get_nowait()
            except queue.Empty:
                return self._make(auth.hasher)
            if hasher is auth.hasher:
                return password, hashed


def _lowest_priority() -> None:
    """Nice 19 for the calling thread alone (Linux schedules threads as tasks); elsewhere,
    or if refused, the thread keeps the process's priority."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


hashed_passwords = HashedPasswords()
