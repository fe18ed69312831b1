"""Sign in and out (R1): argon2 password hashes, one generic refusal, a limit on failed
sign-ins per email, hashed session tokens that expire."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from backend.adapters.passwords import DEFAULT_PROFILE, hasher_for
from backend.domain.access import AccessPolicy, SessionToken, email_key
from backend.domain.errors import InvalidCredentials, NotSignedIn
from backend.service_layer import views
from backend.service_layer.common import Principal, account_out, today_for, user_out
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork

# bootstrap.build sets the deployment's profile (settings.password_profile)
hasher = hasher_for(DEFAULT_PROFILE)
_dummy: tuple[PasswordHasher, str] | None = None


def _dummy_hash() -> str:
    """Verified against when the email is unknown, so both refusals take the same time.
    Made on first use rather than at import (a hash costs argon2's full time and memory,
    which the TUI's start-up and a `--help` should not pay), and again if the hasher's
    profile changes, so it always costs what a real check costs."""
    global _dummy
    if _dummy is None or _dummy[0] is not hasher:
        _dummy = (hasher, hasher.hash("not-a-real-password"))
    return _dummy[1]


def hash_password(password: str) -> str:
    return hasher.hash(password)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


DEFAULT_POLICY = AccessPolicy()


def sign_in(uow: SqlAlchemyUnitOfWork, email: str, password: str, portal_url: str, *,
            policy: AccessPolicy = DEFAULT_POLICY) -> views.SessionOut:
    """R1: a wrong email and a wrong password get the same refusal; past the limit of
    failures, every attempt for that email is refused (too_many_attempts), known or not.
    The slow hash check runs outside any transaction, so it never holds SQLite's write lock."""
    key = email_key(email or "")
    with uow.for_write():
        now = uow.clock.now()
        uow.sign_in_attempts.remove_older_than(now - policy.failure_window)
        uow.sign_in_attempts.locked(key, now).count_attempt(now, policy)
        user = uow.accounts.user_by_email(email or "")
        stored, user_id = (user.password_hash, user.id) if user else (_dummy_hash(), None)
        uow.commit()
    try:
        hasher.verify(stored, password or "")
    except (VerifyMismatchError, InvalidHashError):
        raise InvalidCredentials() from None
    if user_id is None:
        raise InvalidCredentials()
    # made under another profile: store it again under the current one, hashed out here
    rehashed = hasher.hash(password) if hasher.check_needs_rehash(stored) else None
    token = secrets.token_urlsafe(32)
    with uow.for_write():
        now = uow.clock.now()
        uow.sign_in_attempts.forget(key)
        uow.sessions.remove_expired(created_before=now - policy.session_lifetime,
                                    seen_before=now - policy.session_idle)
        user = uow.accounts.user(user_id)
        if rehashed is not None and user.password_hash == stored:
            user.password_hash = rehashed
        account = uow.accounts.get(user.account_id)
        uow.sessions.add(SessionToken(token_hash=_token_hash(token), user_id=user.id,
                                      account_id=account.id, created_at=now,
                                      last_seen_at=now))
        out = views.SessionOut(
            token=token, user=user_out(user),
            account=account_out(account, user, uow.catalog.load(), today_for(account, uow),
                                portal_url))
        uow.commit()
        return out


def authenticate(uow: SqlAlchemyUnitOfWork, token: str | None, *,
                 policy: AccessPolicy = DEFAULT_POLICY) -> Principal:
    """The session's principal; an unknown, ended or expired token is not signed in.
    Last-seen is written only when it is stale, so most requests stay read-only."""
    if not token:
        raise NotSignedIn()
    token_hash = _token_hash(token)
    with uow:
        now = uow.clock.now()
        session = uow.sessions.by_hash(token_hash)
        user = uow.accounts.user(session.user_id) if session else None
        if session is None or user is None:
            raise NotSignedIn()
        session.ensure_alive(now, policy)
        who = Principal(user_id=user.id, account_id=session.account_id, locale=user.locale)
        stale = session.due_for_touch(now, policy)
    if stale:
        with uow.for_write():
            uow.sessions.touch(token_hash, now)
            uow.commit()
    return who


def sign_out(uow: SqlAlchemyUnitOfWork, token: str) -> None:
    """R1: the token stops working everywhere at once."""
    with uow.for_write():
        uow.sessions.remove(_token_hash(token))
        uow.commit()
