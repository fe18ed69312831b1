"""The schema is made by Alembic migrations (never create_all outside tests): upgrading to
head gives exactly the tables, columns, types, keys and indexes of backend.adapters.orm."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from backend.adapters.migrations import alembic_config, upgrade
from backend.adapters.orm import metadata


def test_upgrade_head_matches_the_orm_metadata(backend):
    with backend.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert context.get_current_revision() == \
            ScriptDirectory.from_config(alembic_config()).get_current_head()
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_every_orm_table_exists_after_the_migrations(backend):
    tables = set(inspect(backend.engine).get_table_names())
    assert set(metadata.tables) <= tables
    assert tables - set(metadata.tables) == {"alembic_version"}


def test_upgrading_again_is_a_no_op(backend):
    upgrade(backend.engine)
    with backend.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []


def test_0003_keeps_open_sessions_as_last_seen_when_created(backend):
    """Sessions open before the upgrade get a last use (their sign-in), so they expire."""
    from datetime import UTC, datetime

    from alembic import command
    from sqlalchemy import text

    config = alembic_config()
    with backend.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0002")
    created = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    with backend.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO accounts (id, name, kind, country, currency, locale, billing_day) "
            "VALUES (1, 'A', 'standard', 'FR', 'EUR', 'fr', 1)"))
        conn.execute(text(
            "INSERT INTO users (id, account_id, email, name, password_hash, "
            "is_billing_contact, locale) VALUES (1, 1, 'a@example.com', 'A', 'x', true, 'fr')"))
        conn.execute(text("INSERT INTO sessions (token_hash, user_id, account_id, created_at) "
                          "VALUES ('h', 1, 1, :created)"), {"created": created})
    upgrade(backend.engine)
    with backend.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        [session] = [dict(r._mapping)
                     for r in conn.execute(metadata.tables["sessions"].select())]
    assert session["last_seen_at"] == session["created_at"] == created
