"""Engines for SQLite (the default, one file) and PostgreSQL (multi-process deployments)."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker

from backend.adapters.orm import start_mappers

WRITE_OPTION = "billing_write"


def make_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30},
                               **kwargs)
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: Engine) -> None:
    """SQLite has one writer: WAL lets readers run beside it, a busy timeout makes writers
    queue instead of failing, and write transactions BEGIN IMMEDIATE so they take the lock
    up front (a deferred one that upgrades later can fail with 'database is locked')."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_session_factory(engine: Engine) -> sessionmaker:
    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
