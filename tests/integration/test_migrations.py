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
