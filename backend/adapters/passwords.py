"""Password hashing profiles (argon2id), chosen by the deployment's `password_profile`.

Only named profiles exist, and none is weaker than OWASP's recommendation for argon2id
(Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane), so no setting can make a
deployment store passwords more cheaply than that, in test mode or not. A hash records its
own parameters: hashes made under another profile still verify, and sign-in re-hashes them
with the current profile (`PasswordHasher.check_needs_rehash`).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

from argon2 import Parameters, PasswordHasher, Type, profiles

ProfileName = Literal["owasp", "rfc9106-low-memory", "rfc9106-high-memory"]

# OWASP's floor, as argon2-cffi's Parameters (memory in KiB).
OWASP = Parameters(type=Type.ID, version=19, salt_len=16, hash_len=32,
                   time_cost=2, memory_cost=19 * 1024, parallelism=1)

PROFILES: dict[str, Parameters] = {
    "owasp": OWASP,
    # argon2-cffi's default: RFC 9106's second recommendation (64 MiB, 3 passes, 4 lanes)
    "rfc9106-low-memory": profiles.RFC_9106_LOW_MEMORY,
    # RFC 9106's first recommendation (2 GiB, 1 pass, 4 lanes): for dedicated hosts only
    "rfc9106-high-memory": profiles.RFC_9106_HIGH_MEMORY,
}

DEFAULT_PROFILE: ProfileName = "owasp"


def _hashing_threads() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
               else os.cpu_count() or 1)


_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _hashing_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=_hashing_threads(),
                                       thread_name_prefix="argon2")
        return _pool


class PooledHasher(PasswordHasher):
    """A PasswordHasher whose hashes and checks run on a few long-lived threads, one per
    core (more could not run any sooner), whoever asks.

    argon2 allocates its whole memory cost (19 MiB under OWASP) for every hash and frees it.
    glibc keeps such a freed block in the heap of the thread that used it and serves that
    thread's next hash from it. Spread over a web server's request threads, each kept its
    own: ~180 MiB held for nothing after a burst. Forcing the blocks back to the system
    instead (a fixed mmap threshold) made every hash fault in 19 MiB of fresh pages, 60 %
    more time per sign-in (32 ms instead of 20). On a bounded set of threads both hold: the
    memory stays at one block per thread and each hash reuses it."""

    def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
        return _hashing_pool().submit(super().hash, password, salt=salt).result()

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        return _hashing_pool().submit(super().verify, hash, password).result()

    def hash_in_this_thread(self, password: str | bytes) -> str:
        """For a thread that is itself one of a bounded few and must keep its own priority
        (test accounts' passwords, hashed ahead at the lowest priority)."""
        return super().hash(password)


def hasher_for(profile: str) -> PooledHasher:
    try:
        return PooledHasher.from_parameters(PROFILES[profile])
    except KeyError:
        raise ValueError(f"unknown password profile {profile!r}: "
                         f"one of {', '.join(PROFILES)}") from None
