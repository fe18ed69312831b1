"""Password hashing profiles (argon2id), chosen by the deployment's `password_profile`.

Only named profiles exist, and none is weaker than OWASP's recommendation for argon2id
(Password Storage Cheat Sheet: 19 MiB, 2 passes, 1 lane), so no setting can make a
deployment store passwords more cheaply than that, in test mode or not. A hash records its
own parameters: hashes made under another profile still verify, and sign-in re-hashes them
with the current profile (`PasswordHasher.check_needs_rehash`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
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


_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter
_malloc_tuned = False


def _hash_memory_goes_back_to_the_system() -> None:
    """An argon2 hash allocates its whole memory cost (19 MiB under OWASP) and frees it.
    glibc serves such a block by mmap, but on the first free it raises its mmap threshold
    to the block's size, so later hashes come from the heaps of the threads that ran them
    and stay resident: a server that hashed in a few threads at once kept ~200 MiB it no
    longer used. A fixed threshold (glibc's initial 128 KiB) keeps big blocks mmapped, so
    they are returned on free. Elsewhere (musl, macOS) there is nothing to do."""
    global _malloc_tuned
    if _malloc_tuned or not sys.platform.startswith("linux"):
        return
    _malloc_tuned = True
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(_M_MMAP_THRESHOLD, 128 * 1024)
    except (OSError, AttributeError):  # not glibc: nothing to tune
        pass


def hasher_for(profile: str) -> PasswordHasher:
    _hash_memory_goes_back_to_the_system()
    try:
        return PasswordHasher.from_parameters(PROFILES[profile])
    except KeyError:
        raise ValueError(f"unknown password profile {profile!r}: "
                         f"one of {', '.join(PROFILES)}") from None
