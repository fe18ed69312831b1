"""Sign-in resists guessing (R1, api.md's too_many_attempts) and sessions expire, on SQLite
and PostgreSQL. The window and the lifetimes follow the deployment's clock (the test's
FixedClock), so nothing here sleeps."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from backend.domain.access import AccessPolicy, email_key
from backend.domain.errors import InvalidCredentials, NotSignedIn, TooManyAttempts
from backend.i18n import error_message
from backend.service_layer import auth
from backend.settings import Settings
from tests.threads import join_all

PORTAL_URL = Settings().corporate_portal_url
WINDOW = timedelta(minutes=15)


def fail(app, email: str, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(InvalidCredentials):
            app.sign_in(email, "not-the-password")


def refused(app, email: str, password: str) -> TooManyAttempts:
    with pytest.raises(TooManyAttempts) as caught:
        app.sign_in(email, password)
    return caught.value


# --- failed sign-ins ---------------------------------------------------------------------------
def test_the_defaults_are_five_failures_in_fifteen_minutes_and_half_hour_sessions(app):
    policy = app.backend.service.access_policy
    assert (policy.max_failures, policy.failure_window) == (5, WINDOW)
    assert (policy.session_idle, policy.session_lifetime) == (
        timedelta(minutes=30), timedelta(hours=12))


def test_after_five_failures_even_the_right_password_is_refused_until_the_window_ends(app):
    acct = app.account()
    fail(app, acct.email, 4)
    app.clock.advance(minutes=5)
    fail(app, acct.email)  # the fifth, 5 minutes after the first
    err = refused(app, acct.email, acct.password)
    assert err.code == "too_many_attempts"
    assert err.params["retry_after"] == 10 * 60  # the window opened at the first failure
    assert error_message(err, "en") == \
        "Too many failed sign-ins for this email. Try again in 10 min."
    assert error_message(err, "fr") == ("Trop de tentatives de connexion échouées pour cette "
                                        "adresse e-mail. Réessayez dans 10 min.")
    app.clock.advance(minutes=9, seconds=59)
    assert refused(app, acct.email, acct.password).params["retry_after"] == 1
    app.clock.advance(seconds=1)
    assert app.sign_in(acct.email, acct.password).user.email == acct.email


def test_refused_attempts_do_not_extend_the_wait(app):
    acct = app.account()
    fail(app, acct.email, 5)
    for _ in range(3):
        app.clock.advance(minutes=2)
        refused(app, acct.email, "still guessing")
    app.clock.advance(minutes=9)
    assert app.sign_in(acct.email, acct.password).token


def test_unknown_emails_are_counted_and_refused_exactly_the_same(app):
    acct = app.account()
    unknown = "nobody." + acct.email
    fail(app, acct.email, 5)
    fail(app, unknown, 5)
    known_err = refused(app, acct.email, acct.password)
    unknown_err = refused(app, unknown, acct.password)
    for locale in ("en", "fr"):
        assert error_message(known_err, locale) == error_message(unknown_err, locale)
    assert (known_err.code, known_err.field, known_err.params) == (
        unknown_err.code, unknown_err.field, unknown_err.params)


def test_a_success_resets_the_count(app):
    acct = app.account()
    fail(app, acct.email, 4)
    app.sign_in(acct.email, acct.password)
    fail(app, acct.email, 4)
    assert app.sign_in(acct.email, acct.password).token  # 8 failures, never 5 in a row
    assert app.rows("sign_in_attempts") == []


def test_the_count_is_per_normalised_email_and_stores_no_address(app):
    acct, other = app.account(), app.account()
    fail(app, "  " + acct.email.upper() + " ", 3)
    fail(app, acct.email.capitalize(), 2)
    refused(app, acct.email, acct.password)
    assert app.sign_in(other.email, other.password).token  # another email is untouched
    [row] = app.rows("sign_in_attempts")
    assert (row["email_hash"], row["failures"]) == (email_key(acct.email), 5)
    assert not [v for table, _c, v in app.text_values() if acct.email in v and table != "users"]


def test_the_limit_and_window_come_from_the_settings(app, monkeypatch):
    monkeypatch.setenv("BILLING_SIGN_IN_MAX_FAILURES", "2")
    monkeypatch.setenv("BILLING_SIGN_IN_WINDOW", "PT1M")
    monkeypatch.setenv("BILLING_SESSION_IDLE_TIMEOUT", "120")
    monkeypatch.setenv("BILLING_SESSION_MAX_LIFETIME", "PT1H")
    policy = Settings().access_policy()
    assert policy == AccessPolicy(max_failures=2, failure_window=timedelta(minutes=1),
                                  session_idle=timedelta(minutes=2),
                                  session_lifetime=timedelta(hours=1))
    acct = app.account()
    for _ in range(2):
        with pytest.raises(InvalidCredentials):
            auth.sign_in(app.uow(), acct.email, "wrong", PORTAL_URL, policy=policy)
    with pytest.raises(TooManyAttempts) as caught:
        auth.sign_in(app.uow(), acct.email, acct.password, PORTAL_URL, policy=policy)
    assert caught.value.params == {"minutes": 1, "retry_after": 60}


@pytest.mark.parametrize("name", ["SIGN_IN_MAX_FAILURES", "SIGN_IN_WINDOW",
                                  "SESSION_IDLE_TIMEOUT", "SESSION_MAX_LIFETIME"])
def test_settings_refuse_zero_limits(monkeypatch, name):
    monkeypatch.setenv(f"BILLING_{name}", "0")
    with pytest.raises(ValueError, match=name.lower()):
        Settings()


def test_closed_windows_are_cleaned_up(app):
    acct = app.account()
    fail(app, "stranger@example.com", 2)
    app.clock.advance(minutes=16)
    fail(app, acct.email)
    assert [r["email_hash"] for r in app.rows("sign_in_attempts")] == [email_key(acct.email)]


def test_parallel_guesses_cannot_outrun_the_limit(app):
    """Failures are counted before the slow password check, one at a time per email, so 12
    guesses sent at once get exactly 5 password checks."""
    acct = app.account()
    n = 12
    barrier = threading.Barrier(n)
    outcomes: list = [None] * n

    def guess(i: int) -> None:
        uow = app.uow()
        barrier.wait()
        try:
            auth.sign_in(uow, acct.email, f"guess-{i}", PORTAL_URL)
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            outcomes[i] = exc

    threads = [threading.Thread(target=guess, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    assert not join_all(threads, within_s=60), "a sign-in is stuck"
    assert sorted(type(o).__name__ for o in outcomes) == \
        ["InvalidCredentials"] * 5 + ["TooManyAttempts"] * 7


# --- session lifetimes -------------------------------------------------------------------------
def test_an_unused_session_expires_after_the_idle_lifetime(app):
    acct = app.account()
    app.clock.advance(minutes=29, seconds=59)
    assert app.authenticate(acct.token) == acct.who  # used: the idle time starts again
    app.clock.advance(minutes=29, seconds=59)
    assert app.authenticate(acct.token) == acct.who
    app.clock.advance(minutes=30)
    with pytest.raises(NotSignedIn) as caught:
        app.authenticate(acct.token)
    assert caught.value.code == "not_signed_in"
    assert error_message(caught.value, "en") == "Your session has expired: please sign in again."
    assert error_message(caught.value, "fr") == \
        "Votre session a expiré : veuillez vous reconnecter."


def test_a_session_ends_after_its_absolute_lifetime_however_busy(app):
    acct = app.account()
    for _ in range(12 * 3 - 1):
        app.clock.advance(minutes=20)
        assert app.authenticate(acct.token) == acct.who
    app.clock.advance(minutes=20)  # 12 hours after sign-in
    with pytest.raises(NotSignedIn):
        app.authenticate(acct.token)


def test_last_seen_is_written_at_most_once_a_minute(app):
    acct = app.account()
    signed_in_at = app.clock.now()

    def last_seen():
        [session] = [s for s in app.rows("sessions") if s["user_id"] == acct.who.user_id]
        return session["last_seen_at"]

    assert last_seen() == signed_in_at
    for _ in range(5):
        app.clock.advance(seconds=11)
        app.authenticate(acct.token)
    assert last_seen() == signed_in_at  # 55 s of requests: no write
    app.clock.advance(seconds=5)
    app.authenticate(acct.token)
    assert last_seen() == app.clock.now()


def test_expired_sessions_are_removed_at_the_next_sign_in(app):
    first, second = app.account(), app.account()
    app.clock.advance(hours=1)
    app.sign_in(second.email, second.password)
    assert {s["user_id"] for s in app.rows("sessions")} == {second.who.user_id}
    with pytest.raises(NotSignedIn):
        app.authenticate(first.token)
