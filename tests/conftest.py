"""Shared fixtures of the backend's own tests (features/ has its own conftest).

- ``clock``: a settable clock (aware UTC), the server's "now" for the services (R14).
- ``store``: every test that uses a database runs twice, ids ``[sqlite]`` and ``[postgres]``.
  SQLite is a fresh file under tmp_path; PostgreSQL is the server named by
  ``BILLING_TEST_POSTGRES_URL``, one fresh schema per test, dropped afterwards. Both are
  migrated with Alembic through ``backend.bootstrap.build``.
- Without ``BILLING_TEST_POSTGRES_URL`` the PostgreSQL tests skip with one reason, unless
  ``BILLING_REQUIRE_POSTGRES=1`` (or ``--require-postgres``) is set: then they fail (CI).
- ``app``: a small driver over the service layer, so tests read like the use cases.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, create_engine, select

from backend.adapters.database import make_engine
from backend.adapters.orm import metadata
from backend.adapters.passwords import PooledHasher
from backend.bootstrap import Backend, build
from backend.service_layer import (
    auth,
    browsing,
    cart,
    licenses,
    ordering,
    testing,
    trials,
)
from backend.service_layer.common import Principal
from backend.service_layer.inputs import CardInput
from backend.settings import Settings

POSTGRES_ENV = "BILLING_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "BILLING_REQUIRE_POSTGRES"
POSTGRES_SKIP_REASON = "BILLING_TEST_POSTGRES_URL not set: PostgreSQL tests skipped"

TODAY = date(2026, 11, 26)  # the worked example's today
PORTAL_URL = Settings().corporate_portal_url
SELLER_COUNTRY = "IE"

# R11.4 test cards; the CVC is unusual so a scan for it finds nothing by chance.
CVC = "7391"


def card(number: str = "4242 4242 4242 4242", **changes: object) -> dict:
    base = {"name": "Camille Martin", "number": number, "exp_month": 12, "exp_year": 2030,
            "cvc": CVC}
    base.update(changes)
    return base


GOOD_CARD = card()
DECLINED = "4000 0000 0000 0002"
INSUFFICIENT_FUNDS = "4000 0000 0000 9995"
EXPIRED = "4000 0000 0000 0069"
PROCESSING_ERROR = "4000 0000 0000 0119"


# --- clock ------------------------------------------------------------------------------------
class FixedClock:
    """The server's clock, frozen at a moment the test chooses (aware, UTC)."""

    def __init__(self, now: datetime | date = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)):
        self.set(now)

    def now(self) -> datetime:
        return self._now

    def set(self, value: datetime | date) -> None:
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("FixedClock needs an aware datetime")
            self._now = value.astimezone(UTC)
        else:
            self._now = datetime.combine(value, time(9, 30), UTC)

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


# --- PostgreSQL switch ------------------------------------------------------------------------
def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        parser.getgroup("billing").addoption(
            "--require-postgres", action="store_true", default=False,
            help=f"fail (instead of skip) the PostgreSQL tests when {POSTGRES_ENV} is not set "
                 f"(same as {REQUIRE_POSTGRES_ENV}=1)")
    except ValueError:  # declared by another conftest already
        pass


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite: runs on a SQLite file")
    config.addinivalue_line("markers", "postgres: runs on PostgreSQL (BILLING_TEST_POSTGRES_URL)")


def postgres_required(config: pytest.Config) -> bool:
    return bool(config.getoption("--require-postgres", default=False)) or \
        os.environ.get(REQUIRE_POSTGRES_ENV, "").strip() in ("1", "true", "yes")


def _psycopg_url(url: str) -> str:
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


def _postgres_url_or_skip(config: pytest.Config) -> str:
    """The server's URL; without one, skip (one reason, reported on one line), or fail
    when PostgreSQL is required (CI)."""
    url = os.environ.get(POSTGRES_ENV, "").strip()
    if not url:
        if postgres_required(config):
            pytest.fail(f"{POSTGRES_ENV} is not set, but {REQUIRE_POSTGRES_ENV}=1 (or "
                        "--require-postgres) requires the PostgreSQL tests to run",
                        pytrace=False)
        pytest.skip(POSTGRES_SKIP_REASON)
    return _psycopg_url(url)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Raised here rather than in a fixture, the skip is reported at this line for every
    # PostgreSQL test, so `-rs` folds them into one line.
    if item.get_closest_marker("postgres") is not None:
        _postgres_url_or_skip(item.config)


@pytest.fixture(scope="session")
def postgres_url(request: pytest.FixtureRequest) -> str:
    return _postgres_url_or_skip(request.config)


@pytest.fixture(scope="session")
def postgres_admin(postgres_url: str) -> Iterator[Engine]:
    """Creates and drops the per-test schemas."""
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT", pool_size=1)
    yield engine
    engine.dispose()


# --- stores -----------------------------------------------------------------------------------
SQLITE = pytest.param("sqlite", id="sqlite", marks=pytest.mark.sqlite)
POSTGRES = pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)


@pytest.fixture(params=[SQLITE, POSTGRES])
def store(request: pytest.FixtureRequest) -> str:
    return request.param


BackendFactory = Callable[..., Backend]


@pytest.fixture
def backend_factory(store: str, request: pytest.FixtureRequest, tmp_path,
                    clock: FixedClock) -> Iterator[BackendFactory]:
    """``make(clock=..., migrate=True) -> Backend`` on a fresh, migrated database of the
    test's store: a new SQLite file, or a new PostgreSQL schema (search_path set on every
    connection), dropped with everything in it at teardown."""
    admin: Engine | None = None
    base_url = ""
    if store == "postgres":
        base_url = request.getfixturevalue("postgres_url")
        admin = request.getfixturevalue("postgres_admin")
    engines: list[Engine] = []
    schemas: list[str] = []

    def make(*, clock: FixedClock = clock, migrate: bool = True) -> Backend:
        if store == "sqlite":
            url = f"sqlite:///{tmp_path / f'billing-{len(engines)}.db'}"
            engine = make_engine(url)
            engines.append(engine)
            return build(Settings(database_url=url), migrate=migrate, clock=clock,
                         engine=engine)
        assert admin is not None
        schema = f"t_{secrets.token_hex(6)}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        schemas.append(schema)
        engine = make_engine(base_url, connect_args={"options": f"-csearch_path={schema}"})
        engines.append(engine)
        return build(Settings(database_url=base_url), migrate=migrate, clock=clock,
                     engine=engine)

    yield make
    for engine in engines:
        engine.dispose()
    if admin is not None:
        with admin.connect() as conn:
            for schema in schemas:
                conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def backend(backend_factory: BackendFactory) -> Backend:
    return backend_factory()


@pytest.fixture
def uow(backend: Backend):
    """A unit of work on the test's database (reusable: each ``with`` opens a new session)."""
    return backend.uow()


# --- a driver over the service layer ----------------------------------------------------------
@dataclass
class TestAccount:
    __test__ = False  # not a test class

    account_id: int
    email: str
    password: str
    token: str
    who: Principal
    users: list  # Credentials of the other (non billing contact) users


class App:
    """The use cases with the deployment's settings filled in, for readable tests."""

    __test__ = False
    TODAY = TODAY
    CVC = CVC
    card = staticmethod(card)
    GOOD_CARD = GOOD_CARD

    def __init__(self, backend: Backend, clock: FixedClock):
        self.backend, self.clock = backend, clock
        self.gateway = backend.gateway

    def uow(self):
        return self.backend.uow()

    # test control
    def account(self, *, today: date | None = TODAY, **spec) -> TestAccount:
        made = testing.create_test_account(self.uow(), faker_seed=2026, today=today, **spec)
        session = self.sign_in(made.billing_contact.email, made.billing_contact.password)
        who = self.authenticate(session.token)
        return TestAccount(made.account_id, made.billing_contact.email,
                           made.billing_contact.password, session.token, who, made.users)

    def worked_example_account(self, **spec) -> TestAccount:
        """flow.md's worked example: FR, today 2026-11-26, billing day 15, GoToMeeting
        Business monthly x2 held (period 2026-11-15..2026-12-14, 32.00 paid), GoToWebinar
        Pro annual x3 in the cart."""
        spec.setdefault("country", "FR")
        spec.setdefault("billing_day", 15)
        spec.setdefault("subscriptions", [{"product": "gotomeeting", "level": "business",
                                           "licenses": 2, "term": "monthly"}])
        spec.setdefault("cart", [{"product": "gotowebinar", "level": "pro", "licenses": 3,
                                  "term": "annual"}])
        return self.account(**spec)

    def other_user(self, account: TestAccount, index: int = 0) -> Principal:
        creds = account.users[index]
        return self.authenticate(self.sign_in(creds.email, creds.password).token)

    def set_clock(self, account: TestAccount, today: date | None) -> date:
        return testing.set_clock(self.uow(), account.account_id, today)

    def emails(self, account: TestAccount):
        return testing.list_emails(self.uow(), account.account_id)

    def charges(self, account: TestAccount):
        return testing.list_charges(self.uow(), account.account_id)

    # use cases
    def sign_in(self, email: str, password: str):
        return auth.sign_in(self.uow(), email, password, PORTAL_URL,
                            policy=self.backend.service.access_policy)

    def authenticate(self, token: str | None) -> Principal:
        return auth.authenticate(self.uow(), token, policy=self.backend.service.access_policy)

    def overview(self, who: Principal):
        return browsing.account_overview(self.uow(), who, PORTAL_URL)

    def available(self, who: Principal):
        return {p.code: p for p in browsing.available_products(self.uow(), who, PORTAL_URL)}

    def view_cart(self, who: Principal, locale: str = "en"):
        return cart.view_cart(self.uow(), who, locale)

    def add(self, who: Principal, product: str, level: str | None = None,
            licenses: object = 1, term: object = "monthly", locale: str = "en"):
        return cart.add_cart_item(self.uow(), who, product=product, level=level,
                                  licenses=licenses, term=term, locale=locale,
                                  portal_url=PORTAL_URL)

    def edit(self, who: Principal, item_id: int, locale: str = "en", **changes):
        return cart.edit_cart_item(self.uow(), who, item_id, locale=locale,
                                   portal_url=PORTAL_URL, **changes)

    def remove(self, who: Principal, item_id: int, locale: str = "en"):
        return cart.remove_cart_item(self.uow(), who, item_id, locale=locale,
                                     portal_url=PORTAL_URL)

    def preview(self, who: Principal, vat_number: str | None = None):
        return ordering.checkout_preview(self.uow(), who, vat_number=vat_number,
                                         seller_country=SELLER_COUNTRY, portal_url=PORTAL_URL)

    def place(self, who: Principal, *, card: dict | None = GOOD_CARD,
              use_saved_card: bool = False, vat_number: str | None = None,
              key: str | None = None, gateway=None, uow=None):
        return ordering.place_order(
            uow or self.uow(), gateway or self.gateway, who,
            # a random key unlikely to look like a card number (token_hex gave a 12-digit run
            # about one time in 50, which the R11.1 scan of stored values rightly flags)
            idempotency_key=key if key is not None else "k-" + secrets.token_urlsafe(12),
            card=CardInput(**card) if card is not None else None,
            use_saved_card=use_saved_card, vat_number=vat_number,
            seller_country=SELLER_COUNTRY, portal_url=PORTAL_URL)

    def trial(self, who: Principal, product: str, level: str | None = None,
              licenses: object = 1):
        return trials.start_trial(self.uow(), who, product=product, level=level,
                                  licenses=licenses, portal_url=PORTAL_URL)

    def users(self, who: Principal):
        return licenses.list_users(self.uow(), who)

    def assign(self, who: Principal, user_id: int, product: str):
        return licenses.assign_license(self.uow(), who, user_id, product)

    def unassign(self, who: Principal, user_id: int, product: str):
        return licenses.unassign_license(self.uow(), who, user_id, product)

    # the database as it is
    def rows(self, table: str) -> list[dict]:
        t = metadata.tables[table]
        with self.backend.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(t))]

    def snapshot(self, *, without: tuple[str, ...] = ("sessions", "sign_in_attempts")
                 ) -> dict[str, list]:
        """Every row of every table (but the sign-in records), to prove that nothing was
        written."""
        out = {}
        with self.backend.engine.connect() as conn:
            for t in metadata.sorted_tables:
                if t.name not in without:
                    out[t.name] = sorted(repr(tuple(r)) for r in conn.execute(select(t)))
        return out

    def text_values(self) -> Iterator[tuple[str, str, str]]:
        """(table, column, value) for every text value stored in the database."""
        with self.backend.engine.connect() as conn:
            for t in metadata.sorted_tables:
                for row in conn.execute(select(t)):
                    for col, value in row._mapping.items():
                        if isinstance(value, str):
                            yield t.name, col, value


@pytest.fixture
def fast_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 with its smallest cost: the same code path, ~100x faster to make accounts."""
    monkeypatch.setattr(auth, "hasher",
                        PooledHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def app(backend: Backend, clock: FixedClock, fast_password_hashing: None) -> App:
    return App(backend, clock)
