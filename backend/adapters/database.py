"""Engines for SQLite (the default, one file) and PostgreSQL (multi-process deployments)."""

from __future__ import annotations

import os
import threading
from collections import deque

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from backend.adapters.orm import start_mappers

WRITE_OPTION = "billing_write"
SUPPORTED = ("sqlite", "postgresql")


class DatabaseUnusable(Exception):
    """The database named by the settings cannot be used; the message says why, in words
    a person running the deployment can act on."""


# Connections a whole PostgreSQL deployment may hold, all workers together: well under the
# server's default max_connections (100), leaving room for migrations and psql.
POOL_BUDGET = 64


def pool_options(workers: int) -> dict:
    """Each worker's share of POOL_BUDGET: half kept open, half opened under a burst and
    closed after. A request holds one connection at a time, so a worker's share bounds how
    many of its requests reach the database at once; the rest wait for a connection."""
    size = max(4, POOL_BUDGET // (2 * max(1, workers)))
    return {"pool_size": size, "max_overflow": size}


def make_engine(url: str, *, workers: int = 1, **kwargs) -> Engine:
    parsed = make_url(url)  # an unparsable URL raises sqlalchemy's ArgumentError
    kind = parsed.get_backend_name()
    if kind not in SUPPORTED:
        raise DatabaseUnusable(
            f"a {kind} database is not supported; use sqlite:///FILE or "
            "postgresql+psycopg://USER@HOST/DATABASE")
    if parsed.drivername == "postgresql":  # SQLAlchemy's default driver is psycopg2;
        parsed = parsed.set(drivername="postgresql+psycopg")  # ours is psycopg 3
    try:
        if kind == "sqlite":
            engine = create_engine(
                parsed, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
            _tune_sqlite(engine)
            return engine
        return create_engine(parsed, pool_pre_ping=True, **{**pool_options(workers), **kwargs})
    except ModuleNotFoundError as err:
        raise DatabaseUnusable(f"its driver is not installed ({err})") from err


def check_schema(conn: Connection) -> None:
    """PostgreSQL creates tables in the first schema of the search_path that exists; with
    none existing it only says "no schema has been selected to create in"."""
    if conn.dialect.name != "postgresql":
        return
    if conn.exec_driver_sql("SELECT current_schema()").scalar() is None:
        search_path = conn.exec_driver_sql("SHOW search_path").scalar()
        raise DatabaseUnusable(
            f"no schema of its search_path ({search_path}) exists; create it first "
            "(CREATE SCHEMA …)")


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


class WriteQueue:
    """A first-come, first-served lock for one SQLite database within this process.

    SQLite has one writer. Left to itself, a writer that finds the database locked sleeps
    in SQLite's busy handler, which retries at growing intervals (up to 100 ms apart): a
    burst of writers is served in no order, and the unlucky ones wait seconds. Taken by the
    unit of work before BEGIN IMMEDIATE, this queue hands the write lock over in arrival
    order, at once; the busy timeout is left for writers of other processes (a migration,
    a second server on the same file), which this queue cannot see."""

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiters: deque[tuple[int, threading.Lock]] = deque()
        self._owner: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        me = threading.get_ident()
        with self._mutex:
            if self._owner == me:  # re-entered by its own holder: never wait on oneself
                self._depth += 1
                return
            if self._owner is None and not self._waiters:
                self._owner, self._depth = me, 1
                return
            turn = threading.Lock()
            turn.acquire()
            self._waiters.append((me, turn))
        turn.acquire()  # released by the holder before us, once it made us the owner

    def release(self) -> None:
        with self._mutex:
            if self._owner != threading.get_ident():
                raise RuntimeError("the write queue is released by a thread not holding it")
            self._depth -= 1
            if self._depth:
                return
            if self._waiters:
                self._owner, turn = self._waiters.popleft()
                self._depth = 1
                turn.release()
            else:
                self._owner = None

    def __enter__(self) -> WriteQueue:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


_queues: dict[str, WriteQueue] = {}
_queues_lock = threading.Lock()


def write_queue(engine: Engine) -> WriteQueue | None:
    """The write queue of the engine's SQLite file, shared by every engine of this process
    on that file; None on PostgreSQL, where writers lock only the rows they change
    (SELECT … FOR UPDATE) and so may run side by side."""
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database or ""
    if database in ("", ":memory:") or database.startswith("file::memory:"):
        key = f"memory:{id(engine)}"  # one private database per engine
    else:
        key = os.path.realpath(database)
    with _queues_lock:
        return _queues.setdefault(key, WriteQueue())


def make_session_factory(engine: Engine) -> sessionmaker:
    start_mappers()
    return sessionmaker(bind=engine, expire_on_commit=False)
