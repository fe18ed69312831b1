"""Deployment settings, read from the environment (prefix BILLING_) by pydantic-settings."""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from pydantic import PositiveInt, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.adapters.passwords import DEFAULT_PROFILE, ProfileName
from backend.domain.access import AccessPolicy

_ACCESS = AccessPolicy()


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", extra="ignore")

    database_url: str = "sqlite:///billing-center.db"
    # Server processes of the deployment (`serve --workers`): sizes each one's share of the
    # PostgreSQL connection pool (backend.adapters.database.pool_options).
    workers: PositiveInt = 1
    # Test mode: the /api/testing/ routes exist only when a token is set (api.md).
    test_token: str | None = None
    seller_country: str = "IE"
    corporate_portal_url: str = "https://link.logmeininc.com/corp-billing"
    # Seeds Faker for test accounts, so a run's fake data can be reproduced.
    faker_seed: int = 2026
    # argon2id cost of stored passwords (backend/adapters/passwords.py); none is weaker than
    # OWASP's. Hashes of another profile still verify and are re-hashed at sign-in.
    password_profile: ProfileName = DEFAULT_PROFILE
    # Sign-in (R1): this many failures for one email within the window refuse further
    # attempts until the window ends. Durations: seconds ("900") or ISO 8601 ("PT15M").
    sign_in_max_failures: PositiveInt = _ACCESS.max_failures
    sign_in_window: timedelta = _ACCESS.failure_window
    # A session ends when unused this long, and this long after sign-in in any case.
    session_idle_timeout: timedelta = _ACCESS.session_idle
    session_max_lifetime: timedelta = _ACCESS.session_lifetime

    @field_validator("sign_in_window", "session_idle_timeout", "session_max_lifetime",
                     mode="before")
    @classmethod
    def _seconds(cls, value: object) -> object:
        """Plain seconds as in the environment ("900"); pydantic reads only numbers so."""
        return int(value) if isinstance(value, str) and value.strip().isdigit() else value

    @field_validator("sign_in_window", "session_idle_timeout", "session_max_lifetime")
    @classmethod
    def _positive(cls, value: timedelta) -> timedelta:
        if value <= timedelta(0):
            raise ValueError("must be a positive duration")
        return value

    def access_policy(self) -> AccessPolicy:
        return AccessPolicy(max_failures=self.sign_in_max_failures,
                            failure_window=self.sign_in_window,
                            session_idle=self.session_idle_timeout,
                            session_lifetime=self.session_max_lifetime)


@lru_cache
def get_settings() -> Settings:
    return Settings()
