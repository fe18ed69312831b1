"""Signing in safely (R1): how many failed sign-ins an email may have, and how long a
session lasts. Pure rules: the service layer brings the store and the clock's "now"."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from backend.domain.errors import SessionExpired, TooManyAttempts


@dataclass(frozen=True)
class AccessPolicy:
    """The deployment's limits (settings BILLING_SIGN_IN_* and BILLING_SESSION_*)."""

    max_failures: int = 5
    failure_window: timedelta = timedelta(minutes=15)
    session_idle: timedelta = timedelta(minutes=30)
    session_lifetime: timedelta = timedelta(hours=12)
    # Last-seen is written at most this often, so reads do not each become a write.
    touch_every: timedelta = timedelta(minutes=1)


def normalize_email(email: str) -> str:
    """The form emails are stored and compared in (sign-in ignores case and spaces)."""
    return email.strip().lower()


def email_key(email: str) -> str:
    """What the failure counter is stored under: a hash of the normalised email, so the
    table holds no address in clear, whether it has an account or a stranger typed it."""
    return hashlib.blake2b(normalize_email(email).encode("utf-8", "surrogatepass"),
                           digest_size=32, person=b"bc-sign-in-key").hexdigest()


@dataclass(eq=False)
class SignInAttempts:
    """Failed sign-ins for one email in the current window, which opens at the first
    failure and lasts `failure_window`. Unknown emails are counted the same way, so the
    answers never tell whether an address has an account."""

    email_hash: str
    failures: int = 0
    window_start: datetime | None = None

    def _window_open(self, now: datetime, policy: AccessPolicy) -> bool:
        return self.window_start is not None and now < self.window_start + policy.failure_window

    def retry_after(self, now: datetime, policy: AccessPolicy) -> timedelta | None:
        """How long sign-in stays refused for this email; None when it is not."""
        if not self._window_open(now, policy) or self.failures < policy.max_failures:
            return None
        assert self.window_start is not None
        return self.window_start + policy.failure_window - now

    def count_attempt(self, now: datetime, policy: AccessPolicy) -> None:
        """Counts the attempt as failed before the password is checked, so that parallel
        guesses cannot all slip under the limit; a success then clears the counter.
        While the limit is reached every attempt is refused, the right password too."""
        wait = self.retry_after(now, policy)
        if wait is not None:
            raise TooManyAttempts(minutes=math.ceil(wait.total_seconds() / 60),
                                  retry_after=max(1, math.ceil(wait.total_seconds())))
        if not self._window_open(now, policy):
            self.failures, self.window_start = 0, now
        self.failures += 1


@dataclass(eq=False)
class SessionToken:
    """A signed-in session (R1): only a hash of the bearer token is stored. It ends when
    unused for `session_idle` or `session_lifetime` after sign-in, whichever comes first."""

    token_hash: str
    user_id: int
    account_id: int
    created_at: datetime
    last_seen_at: datetime
    id: int | None = None

    def ensure_alive(self, now: datetime, policy: AccessPolicy) -> None:
        if (now >= self.created_at + policy.session_lifetime
                or now >= self.last_seen_at + policy.session_idle):
            raise SessionExpired()

    def due_for_touch(self, now: datetime, policy: AccessPolicy) -> bool:
        """Whether last-seen is stale enough to be written again. The idle lifetime is thus
        measured to within `touch_every` (bounded by a fraction of the idle lifetime)."""
        return now - self.last_seen_at >= min(policy.touch_every, policy.session_idle / 4)
