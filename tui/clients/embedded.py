"""`EmbeddedClient`: the Billing Center in the TUI's own process, over the service facade on a
database URL. No server: the same use cases the HTTP API calls, on the same database."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from alembic.util import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from backend.adapters.database import DatabaseUnusable
from backend.bootstrap import build
from backend.domain.errors import DomainError, NotSignedIn, _
from backend.i18n import error_message, translate
from backend.service_layer.common import Principal
from backend.service_layer.inputs import CardInput
from backend.service_layer.views import (
    AccountOut,
    AvailableProductOut,
    CartOut,
    CheckoutOut,
    EmailOut,
    OrderOut,
    ProductOut,
    SessionOut,
    TrialOut,
    UserLicensesOut,
)
from backend.settings import Settings
from tui.client import ClientError, ConnectionProblem, Term

T = TypeVar("T")


def shown_url(url: str) -> str:
    """A database URL as a person may see it: never its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:  # unparsable: shown as typed, it holds no usable password
        return url


class EmbeddedClient:
    """One person's session on a database the TUI opens itself (migrated on open)."""

    def __init__(self, database_url: str, lang: str = "en"):
        self.lang = lang
        self.database_url = database_url
        self._token: str | None = None
        self._who: Principal | None = None
        try:
            self._backend = build(Settings(database_url=database_url), migrate=True)
        # CommandError: a schema we do not know; DatabaseUnusable: a kind we do not support
        except (SQLAlchemyError, CommandError, DatabaseUnusable) as err:
            reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
            raise ConnectionProblem(translate(
                _("Cannot use the database {database}: {reason}"), lang,
                database=shown_url(database_url), reason=reason)) from None
        self._service = self._backend.service

    def describe(self) -> str:
        return translate(_("embedded: {database}"), self.lang,
                         database=shown_url(self.database_url))

    # --- how every call is made ----------------------------------------------------------
    def _refusal(self, err: DomainError) -> ClientError:
        return ClientError(err.code, error_message(err, self.lang), err.field,
                           portal_url=err.params.get("portal_url"))

    def _call(self, use_case: Callable[..., T], *args, **kwargs) -> T:
        try:
            return use_case(*args, **kwargs)
        except DomainError as err:
            raise self._refusal(err) from None

    def _signed_in(self, use_case: Callable[..., T], *args, **kwargs) -> T:
        if self._who is None:
            raise self._refusal(NotSignedIn())
        return self._call(use_case, self._who, *args, **kwargs)

    # --- step 1, R1 ----------------------------------------------------------------------
    def sign_in(self, email: str, password: str) -> SessionOut:
        session = self._call(self._service.sign_in, email, password)
        self._who = self._call(self._service.authenticate, session.token)
        self._token = session.token
        return session

    def sign_out(self) -> None:
        token, self._token, self._who = self._token, None, None
        if token:
            self._call(self._service.sign_out, token)

    # --- the dashboard -------------------------------------------------------------------
    def account(self) -> AccountOut:
        return self._signed_in(self._service.account)

    def catalog(self) -> list[ProductOut]:
        return self._signed_in(self._service.catalog)

    def available_products(self) -> list[AvailableProductOut]:
        return self._signed_in(self._service.available_products)

    # --- the cart and trials -------------------------------------------------------------
    def cart(self) -> CartOut:
        return self._signed_in(self._service.cart, self.lang)

    def add_to_cart(self, product: str, level: str | None, licenses: str | int,
                    term: Term) -> CartOut:
        return self._signed_in(self._service.add_to_cart, product=product, level=level,
                               licenses=licenses, term=term, locale=self.lang)

    def edit_cart_item(self, item_id: int, *, level: str | None = None,
                       licenses: str | int | None = None, term: Term | None = None) -> CartOut:
        return self._signed_in(self._service.edit_cart_item, item_id, level=level,
                               licenses=licenses, term=term, locale=self.lang)

    def remove_cart_item(self, item_id: int) -> CartOut:
        return self._signed_in(self._service.remove_cart_item, item_id, locale=self.lang)

    def start_trial(self, product: str, level: str | None, licenses: str | int) -> TrialOut:
        return self._signed_in(self._service.start_trial, product=product, level=level,
                               licenses=licenses)

    # --- the Place Order screen ----------------------------------------------------------
    def checkout(self, vat_number: str | None = None) -> CheckoutOut:
        return self._signed_in(self._service.checkout, vat_number)

    def place_order(self, *, idempotency_key: str, card: CardInput | None,
                    use_saved_card: bool, vat_number: str | None) -> OrderOut:
        placed = self._signed_in(self._service.place_order, idempotency_key=idempotency_key,
                                 card=card, use_saved_card=use_saved_card,
                                 vat_number=vat_number)
        return placed.order

    def order(self, order_id: int) -> OrderOut:
        return self._signed_in(self._service.order, order_id)

    # --- Manage user products, Messages --------------------------------------------------
    def users(self) -> list[UserLicensesOut]:
        return self._signed_in(self._service.users)

    def assign_license(self, user_id: int, product: str) -> list[UserLicensesOut]:
        return self._signed_in(self._service.assign_license, user_id, product)

    def unassign_license(self, user_id: int, product: str) -> list[UserLicensesOut]:
        return self._signed_in(self._service.unassign_license, user_id, product)

    def messages(self) -> list[EmailOut]:
        return self._signed_in(self._service.messages)

    def close(self) -> None:
        self._backend.engine.dispose()
