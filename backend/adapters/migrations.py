"""Schema migrations with Alembic: the schema is made by migrations, never create_all,
so an existing deployment's database is upgraded in place."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from backend.adapters.database import check_schema


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "backend:migrations")
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with engine.begin() as conn:
        check_schema(conn)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def autogenerate(engine: Engine, message: str) -> None:
    """For developers: write a new revision from the difference with the ORM tables."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.revision(config, message=message, autogenerate=True)
