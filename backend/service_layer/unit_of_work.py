"""The unit of work: one database transaction per use case; nothing is written unless the
use case commits, so a refusal half-way leaves no trace (R12.1)."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from backend.adapters.database import WRITE_OPTION, WriteQueue
from backend.adapters.repository import (
    AccountRepository,
    CatalogRepository,
    OrderRepository,
    OutboxRepository,
    SessionRepository,
    SignInAttemptRepository,
)


class Clock(Protocol):
    """Where "now" comes from; the per-account test clock (R14) overrides its date."""

    def now(self): ...


class SqlAlchemyUnitOfWork:
    accounts: AccountRepository
    orders: OrderRepository
    outbox: OutboxRepository
    sessions: SessionRepository
    sign_in_attempts: SignInAttemptRepository
    catalog: CatalogRepository
    session: Session

    def __init__(self, session_factory: sessionmaker, clock: Clock,
                 write_queue: WriteQueue | None = None):
        self.session_factory = session_factory
        self.clock = clock
        # SQLite: write transactions of this process take turns here, in arrival order,
        # rather than in SQLite's busy handler (backend.adapters.database.WriteQueue)
        self.write_queue = write_queue
        self._write = False
        self._queued = False

    def __enter__(self) -> SqlAlchemyUnitOfWork:
        if self._write and self.write_queue is not None:
            self.write_queue.acquire()
            self._queued = True
        try:
            self.session = self.session_factory()
            # The first statement opens the transaction; its kind decides SQLite's BEGIN.
            self.session.connection(execution_options={WRITE_OPTION: self._write})
        except BaseException:
            self._leave()
            raise
        self.accounts = AccountRepository(self.session)
        self.orders = OrderRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.sessions = SessionRepository(self.session)
        self.sign_in_attempts = SignInAttemptRepository(self.session)
        self.catalog = CatalogRepository(self.session)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.session.rollback()
        finally:
            try:
                self.session.close()
            finally:
                self._leave()

    def _leave(self) -> None:
        self._write = False
        if self._queued:
            self._queued = False
            assert self.write_queue is not None
            self.write_queue.release()

    @contextmanager
    def for_write(self):
        """A write transaction: SQLite takes the write lock at BEGIN; on PostgreSQL the
        repositories lock the account row they load with lock=True."""
        self._write = True
        with self as uow:
            yield uow

    def commit(self) -> None:
        self.session.commit()
        self.catalog.after_commit()

    def flush(self) -> None:
        self.session.flush()
