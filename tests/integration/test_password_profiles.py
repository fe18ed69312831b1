"""Password profiles (settings.password_profile): none weaker than OWASP's argon2id floor,
chosen per deployment, and hashes of another profile still verify and are re-hashed."""

from __future__ import annotations

import pytest
from argon2 import Type, extract_parameters
from pydantic import ValidationError

from backend.adapters.passwords import OWASP, PROFILES, hasher_for
from backend.bootstrap import build
from backend.domain.errors import InvalidCredentials
from backend.service_layer import auth, testing
from backend.settings import Settings

PORTAL = "https://portal.example/billing"


@pytest.mark.parametrize("name", list(PROFILES))
def test_no_profile_is_weaker_than_owasps(name: str) -> None:
    params = PROFILES[name]
    assert params.type is Type.ID
    assert params.memory_cost >= OWASP.memory_cost
    assert params.memory_cost * params.time_cost >= OWASP.memory_cost * OWASP.time_cost
    assert params.salt_len >= 16 and params.hash_len >= 32


def test_the_default_is_owasps_profile_and_an_unknown_one_is_refused(monkeypatch) -> None:
    assert Settings().password_profile == "owasp"
    monkeypatch.setenv("BILLING_PASSWORD_PROFILE", "rfc9106-low-memory")
    assert Settings().password_profile == "rfc9106-low-memory"
    monkeypatch.setenv("BILLING_PASSWORD_PROFILE", "cheapest")
    with pytest.raises(ValidationError):
        Settings()
    with pytest.raises(ValueError, match="unknown password profile"):
        hasher_for("cheapest")


def test_a_deployment_hashes_with_its_profile(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(auth, "hasher", auth.hasher)  # restored after the test
    build(Settings(database_url=f"sqlite:///{tmp_path / 'p.db'}",
                   password_profile="rfc9106-low-memory"))
    made = extract_parameters(auth.hash_password("correct horse"))
    assert made == PROFILES["rfc9106-low-memory"]


def _stored_hash(backend, email: str) -> str:
    with backend.uow() as uow:
        return uow.accounts.user_by_email(email).password_hash


def test_a_hash_of_another_profile_signs_in_and_is_rehashed_with_the_current_one(
        backend, monkeypatch) -> None:
    monkeypatch.setattr(auth, "hasher", hasher_for("rfc9106-low-memory"))
    made = testing.create_test_account(backend.uow(), faker_seed=7)
    email, password = made.billing_contact.email, made.billing_contact.password
    old = _stored_hash(backend, email)
    assert extract_parameters(old) == PROFILES["rfc9106-low-memory"]

    monkeypatch.setattr(auth, "hasher", hasher_for("owasp"))
    with pytest.raises(InvalidCredentials):  # a failed sign-in changes nothing
        auth.sign_in(backend.uow(), email, password + "x", PORTAL)
    assert _stored_hash(backend, email) == old

    auth.sign_in(backend.uow(), email, password, PORTAL)
    new = _stored_hash(backend, email)
    assert new != old and extract_parameters(new) == OWASP
    auth.sign_in(backend.uow(), email, password, PORTAL)  # the new hash verifies
    assert _stored_hash(backend, email) == new  # and is not re-hashed again
