"""Wiring: one place that builds the engine, the unit-of-work factory, the gateway and the
service facade for a deployment, so the API, the web pages and the TUI's embedded client
share them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine

from backend.adapters.clock import SystemClock
from backend.adapters.database import make_engine, make_session_factory, write_queue
from backend.adapters.passwords import hasher_for
from backend.adapters.payments import PaymentGateway, SimulatedGateway
from backend.service_layer.facade import BillingService
from backend.service_layer.unit_of_work import Clock, SqlAlchemyUnitOfWork
from backend.settings import Settings


@dataclass
class Backend:
    settings: Settings
    engine: Engine
    uow: Callable[[], SqlAlchemyUnitOfWork]
    gateway: PaymentGateway
    service: BillingService  # the use cases with all of the above bound in


def build(settings: Settings, *, migrate: bool = True, clock: Clock | None = None,
          engine: Engine | None = None, workers: int | None = None) -> Backend:
    """Connects to the database, brings its schema up to date (Alembic) and loads the
    default catalog, then returns the pieces the entry points need."""
    from backend.service_layer import auth
    from backend.service_layer.catalog_data import sync_catalog

    auth.hasher = hasher_for(settings.password_profile)  # one profile per process
    # on PostgreSQL, each of the deployment's processes takes its share of the connections
    engine = engine or make_engine(settings.database_url,
                                   workers=workers if workers is not None else settings.workers)
    if migrate:
        from backend.adapters.migrations import upgrade

        upgrade(engine)
    factory = make_session_factory(engine)
    the_clock = clock or SystemClock()
    queue = write_queue(engine)  # SQLite only: None on PostgreSQL

    def uow() -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(factory, the_clock, queue)

    sync_catalog(uow())
    gateway = SimulatedGateway()
    return Backend(settings=settings, engine=engine, uow=uow, gateway=gateway,
                   service=BillingService(uow, gateway, settings))
