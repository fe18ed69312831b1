"""Edges of signing in (R1) found by the service layer's mutation run (docs/mutation.md): a
missing password is checked as empty and stands for no password; a session token carries
32 random bytes; a principal whose user is not in its account is not signed in; signing in
again clears expired sessions only."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from backend.adapters.orm import users
from backend.domain.errors import InvalidCredentials, NotSignedIn
from backend.service_layer import auth, browsing
from backend.service_layer.common import Principal


def test_r1_a_missing_password_matches_no_password(app):
    acct = app.account(country="FR")
    with app.backend.engine.begin() as conn:  # a short password, as a mutant might try
        conn.execute(update(users).where(users.c.email == acct.email)
                     .values(password_hash=auth.hash_password("XXXX")))
    for missing in (None, ""):
        with pytest.raises(InvalidCredentials):
            app.sign_in(acct.email, missing)
    assert app.sign_in(acct.email, "XXXX").token


def test_r1_a_session_token_is_32_random_bytes_url_safe(app):
    acct = app.account(country="FR")
    token = app.sign_in(acct.email, acct.password).token
    assert len(token) == 43  # 32 bytes in URL-safe base64, unpadded
    assert acct.token != token


def test_r0_a_principal_whose_user_is_not_in_its_account_is_not_signed_in(app):
    first, second = app.account(country="FR"), app.account(country="FR")
    stranger = Principal(user_id=second.who.user_id, account_id=first.account_id)
    with pytest.raises(NotSignedIn):
        browsing.account_overview(app.uow(), stranger, "https://portal.example")


def test_r1_signing_in_again_keeps_the_other_live_sessions(app):
    """Signing in clears expired sessions only: one opened a minute ago still works."""
    acct = app.account(country="FR")
    first = app.sign_in(acct.email, acct.password).token
    app.clock.advance(minutes=1)
    app.sign_in(acct.email, acct.password)
    assert app.authenticate(first).account_id == acct.account_id
