"""The sign-in limits and session lifetimes of R1 as pure rules (backend/domain/access.py),
to the second: the integration tests check them through the database, these pin the edges.
Found by mutation testing (docs/mutation.md)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from backend.domain.access import (
    AccessPolicy,
    SessionToken,
    SignInAttempts,
    email_key,
    normalize_email,
)
from backend.domain.errors import SessionExpired, TooManyAttempts

POLICY = AccessPolicy()  # 5 failures in 15 minutes; sessions idle 30 min, live 12 h
START = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def test_r1_emails_are_compared_without_case_or_surrounding_spaces():
    """R1: the same person whatever the case they type."""
    assert normalize_email("  Camille@Example.COM \t") == "camille@example.com"
    assert email_key(" Camille@Example.COM ") == email_key("camille@example.com")
    assert email_key("camille@example.com") != email_key("camile@example.com")


def test_r1_the_counter_key_is_stable_across_versions():
    """R1: counters stored by an earlier version must still be found after an upgrade, so
    the key (a keyed blake2b of 32 bytes) may not change."""
    assert email_key("camille@example.com") == (
        "a4ed4100e8a406037aece83c872940a2f9e324c96fd5cd4acd10850fc58ad697")


def test_r1_any_typed_email_gets_a_key_even_a_broken_one():
    """R1: unknown emails are counted too, whatever was typed (a lone surrogate included)."""
    assert len(email_key("\ud800@example.com")) == 64


def failed(times: int, at: datetime = START) -> SignInAttempts:
    attempts = SignInAttempts(email_hash="k")
    for _ in range(times):
        attempts.count_attempt(at, POLICY)
    return attempts


def test_r1_the_window_opens_at_the_first_failure():
    """R1: the first failure opens the window and counts one."""
    attempts = failed(1)
    assert (attempts.failures, attempts.window_start) == (1, START)
    attempts.count_attempt(START + timedelta(minutes=3), POLICY)
    assert (attempts.failures, attempts.window_start) == (2, START)


def test_r1_under_the_limit_nothing_is_refused():
    """R1: four failures leave the fifth attempt free."""
    attempts = failed(4)
    assert attempts.retry_after(START, POLICY) is None
    attempts.count_attempt(START, POLICY)
    assert attempts.failures == 5


def test_r1_at_the_limit_every_attempt_is_refused_until_the_window_ends():
    """R1: after 5 failures, refused with the wait left, in minutes (rounded up) and in
    seconds for Retry-After; a refused attempt is not counted."""
    attempts = failed(5)
    now = START + timedelta(minutes=5, seconds=30)
    assert attempts.retry_after(now, POLICY) == timedelta(minutes=9, seconds=30)
    with pytest.raises(TooManyAttempts) as err:
        attempts.count_attempt(now, POLICY)
    assert err.value.params == {"minutes": 10, "retry_after": 570}
    assert attempts.failures == 5


def test_r1_the_last_fraction_of_a_second_still_asks_to_wait_one_second():
    """R1: Retry-After is never 0 while refused."""
    attempts = failed(5)
    with pytest.raises(TooManyAttempts) as err:
        attempts.count_attempt(START + POLICY.failure_window - timedelta(milliseconds=200),
                               POLICY)
    assert err.value.params == {"minutes": 1, "retry_after": 1}


def test_r1_the_wait_in_minutes_is_rounded_up():
    """R1: 60.5 seconds left is said as 2 minutes (and 61 seconds for Retry-After)."""
    attempts = failed(5)
    with pytest.raises(TooManyAttempts) as err:
        attempts.count_attempt(START + POLICY.failure_window - timedelta(seconds=60.5), POLICY)
    assert err.value.params == {"minutes": 2, "retry_after": 61}


def test_r1_when_the_window_ends_a_new_one_opens():
    """R1: never locked out for longer than one window: at its end, counting restarts."""
    attempts = failed(5)
    end = START + POLICY.failure_window
    assert attempts.retry_after(end, POLICY) is None
    attempts.count_attempt(end, POLICY)
    assert (attempts.failures, attempts.window_start) == (1, end)


def test_r1_a_window_not_reaching_the_limit_also_restarts_when_it_ends():
    """R1: two failures, then a quarter of an hour later the count starts over."""
    attempts = failed(2)
    later = START + POLICY.failure_window + timedelta(seconds=1)
    attempts.count_attempt(later, POLICY)
    assert (attempts.failures, attempts.window_start) == (1, later)


def session(last_seen: datetime = START) -> SessionToken:
    return SessionToken(token_hash="h", user_id=1, account_id=1, created_at=START,
                        last_seen_at=last_seen)


def test_r1_a_session_ends_when_idle_for_the_idle_time():
    """R1: 30 minutes unused ends the session, to the second."""
    token = session()
    token.ensure_alive(START + POLICY.session_idle - timedelta(seconds=1), POLICY)
    with pytest.raises(SessionExpired):
        token.ensure_alive(START + POLICY.session_idle, POLICY)


def test_r1_a_session_ends_at_its_lifetime_however_used():
    """R1: 12 hours after signing in, even if used a second ago."""
    end = START + POLICY.session_lifetime
    token = session(last_seen=end - timedelta(seconds=1))
    token.ensure_alive(end - timedelta(seconds=1), POLICY)
    with pytest.raises(SessionExpired):
        token.ensure_alive(end, POLICY)


@pytest.mark.parametrize(("idle", "every"), [
    (timedelta(minutes=30), timedelta(minutes=1)),  # touch_every is the smaller
    (timedelta(minutes=2), timedelta(seconds=30)),  # a quarter of the idle time is
])
def test_r1_last_seen_is_written_again_after_the_smaller_of_its_two_bounds(idle, every):
    """R1: last seen is rewritten once `every` has passed, not before."""
    policy = AccessPolicy(session_idle=idle)
    token = session()
    assert not token.due_for_touch(START + every - timedelta(seconds=1), policy)
    assert token.due_for_touch(START + every, policy)
