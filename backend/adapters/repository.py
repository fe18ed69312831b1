"""Repositories: how the service layer finds and adds aggregates, without SQL in sight."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from sqlalchemy import bindparam, delete, insert, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from backend.adapters import orm
from backend.domain.access import SessionToken, SignInAttempts, normalize_email
from backend.domain.catalog import Catalog, Level, Product
from backend.domain.model import Account, Subscription, UsedProduct, User
from backend.domain.orders import Charge, IdempotencyRecord, Order
from backend.domain.outbox import OutboxEmail


def _insert_written_once(session: Session, table, record) -> None:
    """Inserts a record that is written once and never changed in its transaction (a
    charge, an idempotency key, an email) with one Core statement, without adding it to
    the ORM session: the use case then needs no flush of its own for it. The record's id
    stays unset."""
    session.execute(insert(table), [{f.name: getattr(record, f.name)
                                      for f in fields(record) if f.name != "id"}])


def _delete_stale(session: Session, key, condition, batch: int = 100) -> None:
    """Deletes up to `batch` rows matching `condition`, skipping rows another transaction
    holds (PostgreSQL): concurrent clean-ups never wait on each other, so never deadlock.
    Called on every sign-in, the batches outpace what sign-ins add."""
    stale = (select(key).where(condition).limit(batch)
             .with_for_update(skip_locked=True))
    session.execute(delete(key.table).where(key.in_(stale)))


# The queries of every request, built once (after the mappers start) with bound parameters:
# building a statement costs more than running it on SQLite. Rebuilt per call, the session
# lookup behind every authenticated request spent ~30 % of its time composing its SELECT.
@cache
def _account_by_id(lock: bool):
    stmt = select(Account).where(orm.accounts.c.id == bindparam("account_id"))
    return stmt.with_for_update() if lock else stmt


@cache
def _session_with_user():
    return (select(SessionToken, User)
            .outerjoin(User, orm.users.c.id == orm.sessions.c.user_id)
            .where(orm.sessions.c.token_hash == bindparam("token_hash")))


@cache
def _idempotency_record():
    return select(IdempotencyRecord).where(
        orm.idempotency_keys.c.account_id == bindparam("account_id"),
        orm.idempotency_keys.c.key == bindparam("key"))


class AccountRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, account: Account) -> None:
        self.session.add(account)

    def get(self, account_id: int, *, lock: bool = False,
            loading: Iterable[str] = ()) -> Account | None:
        """With lock, the account row is held (SELECT … FOR UPDATE on PostgreSQL) until the
        transaction ends, so concurrent writers to one account queue up (R12.1).

        `loading` names the collections the use case will touch (e.g. "cart_items"): read
        now, one query each, before anything changes. Read lazily instead, the first touch
        after a change would flush that change half-way through the use case (autoflush),
        and the use case would pay for one more flush."""
        account = self.session.scalars(_account_by_id(lock),
                                       {"account_id": account_id}).first()
        if account is not None:
            for collection in loading:  # lazy loads, cheaper than selectinload's (measured)
                getattr(account, collection)
        return account

    def load_quoted(self, account: Account, today: date, *, placing: bool) -> None:
        """Reads, as the account's subscriptions (and, when placing, its used products),
        only those the Place Order page and the order can touch (R10.3, R9.5, R4): the
        cart's products, and every subscription whose period does not start today (a
        superset of those due for re-alignment: the domain decides which are). An account
        holding 1,000 subscriptions already aligned to today then costs about what one
        holding one costs.

        The collections are partial afterwards, for the rest of this unit of work: call it
        only in a use case that reads them through the quote (nothing is removed from them,
        so a flush writes only what the quote changed or added). Call it before any change,
        like `get(loading=...)`."""
        in_cart = sorted({item.product for item in account.cart_items})
        s = orm.subscriptions.c
        subscriptions = list(self.session.scalars(
            select(Subscription)
            .where(s.account_id == account.id,
                   or_(s.product.in_(in_cart), s.period_start != today))
            .order_by(s.id)))
        set_committed_value(account, "subscriptions", subscriptions)
        if not placing:  # the page remembers nothing
            return
        touched = sorted(set(in_cart) | {sub.product for sub in subscriptions})
        u = orm.used_products.c
        set_committed_value(account, "used_products", list(self.session.scalars(
            select(UsedProduct).where(u.account_id == account.id, u.product.in_(touched)))))

    def user_by_email(self, email: str) -> User | None:
        stmt = select(User).where(orm.users.c.email == normalize_email(email))
        return self.session.scalars(stmt).first()

    def user(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def email_taken(self, emails: Iterable[str]) -> bool:
        stmt = select(orm.users.c.id).where(orm.users.c.email.in_(list(emails)))
        return self.session.execute(stmt).first() is not None


class OrderRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, order: Order) -> None:
        """Writes the order now (its id is known on return), then its lines in one
        statement (an executemany); the lines stay the objects given, without ids."""
        self.session.add(order)
        self.session.flush()
        if order.lines:
            self.session.execute(insert(orm.order_lines), [
                {"order_id": order.id, **{f.name: getattr(line, f.name)
                                          for f in fields(line) if f.name != "id"}}
                for line in order.lines])

    def get(self, account_id: int, order_id: int) -> Order | None:
        stmt = select(Order).where(orm.orders.c.id == order_id,
                                   orm.orders.c.account_id == account_id)
        return self.session.scalars(stmt).first()

    def idempotency_record(self, account_id: int, key: str) -> IdempotencyRecord | None:
        return self.session.scalars(_idempotency_record(),
                                    {"account_id": account_id, "key": key}).first()

    def add_idempotency_record(self, record: IdempotencyRecord) -> None:
        _insert_written_once(self.session, orm.idempotency_keys, record)

    def add_charge(self, charge: Charge) -> None:
        _insert_written_once(self.session, orm.charges, charge)

    def charges(self, account_id: int) -> list[Charge]:
        stmt = (select(Charge).where(orm.charges.c.account_id == account_id)
                .order_by(orm.charges.c.id))
        return list(self.session.scalars(stmt))


class OutboxRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, email: OutboxEmail) -> None:
        _insert_written_once(self.session, orm.outbox_emails, email)

    def for_account(self, account_id: int) -> list[OutboxEmail]:
        stmt = (select(OutboxEmail).where(orm.outbox_emails.c.account_id == account_id)
                .order_by(orm.outbox_emails.c.id))
        return list(self.session.scalars(stmt))


class SessionRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, token: SessionToken) -> None:
        self.session.add(token)

    def by_hash(self, token_hash: str) -> SessionToken | None:
        """The session, read with its user in one query: the user is then in the ORM
        session's identity map, so the `AccountRepository.user` that follows on every
        authenticated request answers without a second query."""
        row = self.session.execute(_session_with_user(), {"token_hash": token_hash}).first()
        if row is None:
            return None
        self._user = row[1]  # the identity map holds objects weakly: keep it for the get
        return row[0]

    def remove(self, token_hash: str) -> None:
        self.session.execute(delete(orm.sessions).where(orm.sessions.c.token_hash == token_hash))

    def touch(self, token_hash: str, now: datetime) -> None:
        self.session.execute(update(orm.sessions).where(orm.sessions.c.token_hash == token_hash)
                             .values(last_seen_at=now))

    def remove_expired(self, *, created_before: datetime, seen_before: datetime) -> None:
        t = orm.sessions
        _delete_stale(self.session, t.c.id,
                      or_(t.c.created_at < created_before, t.c.last_seen_at < seen_before))


class SignInAttemptRepository:
    def __init__(self, session: Session):
        self.session = session

    def locked(self, email_hash: str, now: datetime) -> SignInAttempts:
        """The email's counter, created when missing, and held (FOR UPDATE on PostgreSQL)
        until the transaction ends: concurrent sign-ins for one email count one by one."""
        insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[
            self.session.get_bind().dialect.name]
        self.session.execute(insert(orm.sign_in_attempts)
                             .values(email_hash=email_hash, failures=0, window_start=now)
                             .on_conflict_do_nothing(index_elements=["email_hash"]))
        stmt = (select(SignInAttempts).where(orm.sign_in_attempts.c.email_hash == email_hash)
                .with_for_update())
        return self.session.scalars(stmt).one()

    def forget(self, email_hash: str) -> None:
        t = orm.sign_in_attempts
        self.session.execute(delete(t).where(t.c.email_hash == email_hash))

    def remove_older_than(self, window_start: datetime) -> None:
        """Counters whose window has closed say nothing any more."""
        t = orm.sign_in_attempts
        _delete_stale(self.session, t.c.email_hash, t.c.window_start < window_start)


# The catalog as last read, per engine: it changes only when sync_catalog replaces it (at a
# deployment's start), so reading its three tables again on every request cost a tenth of
# an order's time for nothing. Weak keys: a disposed engine takes its entry with it.
_catalogs: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_catalogs_lock = threading.Lock()
_generation = 0  # moves on whenever a catalog is replaced or its replacement committed
_REPLACED = "billing_catalog_replaced"


class CatalogRepository:
    """The catalog is reference data: read as immutable domain objects, written by sync.

    Read once per process and engine, then served from memory. `replace` forgets it, and the
    unit of work forgets it again once the replacement is committed (`after_commit`), so no
    request reads it half-replaced. A catalog replaced by another process (a newer release
    starting on the same database) is seen here after this process restarts, which a
    release does anyway."""

    def __init__(self, session: Session):
        self.session = session
        # Taken before the transaction reads anything: a catalog read in a transaction that
        # began before a replacement was committed may be the old one, and is not kept.
        self._generation = _generation

    def _engine(self):
        bind = self.session.get_bind()
        return getattr(bind, "engine", bind)

    def load(self) -> Catalog:
        if self.session.info.get(_REPLACED):  # this transaction's own, uncommitted catalog
            return self._read()
        engine = self._engine()
        with _catalogs_lock:
            cached = _catalogs.get(engine)
        if cached is None:
            cached = self._read()
            with _catalogs_lock:
                if self._generation == _generation:
                    _catalogs.setdefault(engine, cached)
        return cached

    def after_commit(self) -> None:
        if self.session.info.pop(_REPLACED, False):
            self.forget()

    def forget(self) -> None:
        global _generation
        with _catalogs_lock:
            _generation += 1
            _catalogs.pop(self._engine(), None)

    def _read(self) -> Catalog:
        s = self.session
        prices: dict[int, dict[str, dict[str, Decimal]]] = {}
        for row in s.execute(select(orm.catalog_prices)):
            prices.setdefault(row.level_id, {}).setdefault(row.currency, {})[row.term] = row.amount
        levels: dict[str, list[Level]] = {}
        for row in s.execute(select(orm.catalog_levels).order_by(orm.catalog_levels.c.position)):
            levels.setdefault(row.product_code, []).append(
                Level(row.code, row.name, row.max_licenses, prices.get(row.id, {})))
        products = tuple(
            Product(row.code, row.name, row.trial_days, tuple(levels.get(row.code, ())))
            for row in s.execute(select(orm.catalog_products)
                                 .order_by(orm.catalog_products.c.position))
        )
        return Catalog(products)

    def replace(self, catalog: Catalog) -> None:
        """Make the stored catalog equal to the given one (codes are the identity)."""
        s = self.session
        s.info[_REPLACED] = True
        self.forget()
        s.execute(delete(orm.catalog_prices))
        s.execute(delete(orm.catalog_levels))
        s.execute(delete(orm.catalog_products))
        for p_pos, product in enumerate(catalog.products):
            s.execute(orm.catalog_products.insert().values(
                code=product.code, name=product.name, trial_days=product.trial_days,
                position=p_pos))
            for l_pos, level in enumerate(product.levels):
                level_id = s.execute(orm.catalog_levels.insert().values(
                    product_code=product.code, code=level.code, name=level.name,
                    max_licenses=level.max_licenses, position=l_pos)).inserted_primary_key[0]
                for currency, terms in level.prices.items():
                    for term, amount in terms.items():
                        s.execute(orm.catalog_prices.insert().values(
                            level_id=level_id, currency=currency, term=term, amount=amount))
