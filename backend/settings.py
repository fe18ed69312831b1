"""Deployment settings, read from the environment (prefix BILLING_) by pydantic-settings."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.adapters.passwords import DEFAULT_PROFILE, ProfileName


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", extra="ignore")

    database_url: str = "sqlite:///billing-center.db"
    # Test mode: the /api/testing/ routes exist only when a token is set (api.md).
    test_token: str | None = None
    seller_country: str = "IE"
    corporate_portal_url: str = "https://link.logmeininc.com/corp-billing"
    # Seeds Faker for test accounts, so a run's fake data can be reproduced.
    faker_seed: int = 2026
    # argon2id cost of stored passwords (backend/adapters/passwords.py); none is weaker than
    # OWASP's. Hashes of another profile still verify and are re-hashed at sign-in.
    password_profile: ProfileName = DEFAULT_PROFILE


@lru_cache
def get_settings() -> Settings:
    return Settings()
