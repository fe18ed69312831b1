"""Alembic environment: runs on the connection handed over by backend.adapters.migrations,
or on BILLING_DATABASE_URL when alembic is run by hand."""

from alembic import context

from backend.adapters.orm import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from backend.adapters.database import make_engine
        from backend.settings import get_settings

        with make_engine(get_settings().database_url).connect() as conn:
            _migrate(conn)
            conn.commit()
    else:
        _migrate(connection)


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
