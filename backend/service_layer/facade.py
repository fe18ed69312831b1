"""The one front door to the use cases: `BillingService`, made once per deployment by
`backend.bootstrap.build` with the unit of work (and its clock), the payment gateway and the
settings bound in. The HTTP routes, the web pages and the TUI's embedded client call it, so
each rule has one way in whatever the screen.

Every method is one use case. `who` is the signed-in `Principal` (from `authenticate`);
`locale` is the caller's language for the texts a view carries (the cart's button label),
defaulting to the user's own. Refusals are `DomainError`s, translated at the edge.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from backend.adapters.payments import PaymentGateway
from backend.service_layer import (
    auth,
    browsing,
    cart,
    licenses,
    messages,
    ordering,
    testing,
    trials,
    views,
)
from backend.service_layer.common import Principal
from backend.service_layer.inputs import CardInput
from backend.service_layer.ordering import PlacedOrder
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork
from backend.settings import Settings


class BillingService:
    def __init__(self, uow: Callable[[], SqlAlchemyUnitOfWork], gateway: PaymentGateway,
                 settings: Settings):
        self._uow = uow
        self._gateway = gateway
        self.settings = settings
        # sign-in limits and session lifetimes (R1), from the settings
        self.access_policy = settings.access_policy()

    @property
    def portal_url(self) -> str:
        return self.settings.corporate_portal_url

    @property
    def seller_country(self) -> str:
        return self.settings.seller_country

    # --- session (R1) --------------------------------------------------------------------
    def sign_in(self, email: str, password: str) -> views.SessionOut:
        return auth.sign_in(self._uow(), email, password, self.portal_url,
                            policy=self.access_policy)

    def sign_out(self, token: str) -> None:
        auth.sign_out(self._uow(), token)

    def authenticate(self, token: str | None) -> Principal:
        """The person behind a session token; `NotSignedIn` when there is none or it has
        expired."""
        return auth.authenticate(self._uow(), token, policy=self.access_policy)

    # --- the account and the catalog (R2, R4, R5) ----------------------------------------
    def account(self, who: Principal) -> views.AccountOut:
        return browsing.account_overview(self._uow(), who, self.portal_url)

    def catalog(self, who: Principal) -> list[views.ProductOut]:
        return browsing.catalog(self._uow(), who)

    def available_products(self, who: Principal) -> list[views.AvailableProductOut]:
        return browsing.available_products(self._uow(), who, self.portal_url)

    # --- the cart (R8, R10.5) ------------------------------------------------------------
    # `licenses` and `term` are taken as typed: the domain parses them and refuses a bad
    # value with the rule's own message (R6: the allowed range).
    def cart(self, who: Principal, locale: str | None = None) -> views.CartOut:
        return cart.view_cart(self._uow(), who, locale or who.locale)

    def add_to_cart(self, who: Principal, *, product: str, level: str | None = None,
                    licenses: object = 1, term: object = None,
                    locale: str | None = None) -> views.CartOut:
        return cart.add_cart_item(self._uow(), who, product=product, level=level,
                                  licenses=licenses, term=term, locale=locale or who.locale,
                                  portal_url=self.portal_url)

    def edit_cart_item(self, who: Principal, item_id: int, *, level: str | None = None,
                       licenses: object = None, term: object = None,
                       locale: str | None = None) -> views.CartOut:
        """Only what is given changes."""
        return cart.edit_cart_item(self._uow(), who, item_id, level=level, licenses=licenses,
                                   term=term, locale=locale or who.locale,
                                   portal_url=self.portal_url)

    def remove_cart_item(self, who: Principal, item_id: int, *,
                         locale: str | None = None) -> views.CartOut:
        return cart.remove_cart_item(self._uow(), who, item_id, locale=locale or who.locale,
                                     portal_url=self.portal_url)

    # --- the Place Order page and the order (R10-R12) ------------------------------------
    def checkout(self, who: Principal, vat_number: str | None = None) -> views.CheckoutOut:
        return ordering.checkout_preview(self._uow(), who, vat_number=vat_number,
                                         seller_country=self.seller_country,
                                         portal_url=self.portal_url)

    def place_order(self, who: Principal, *, idempotency_key: str | None,
                    card: CardInput | None = None, use_saved_card: bool = False,
                    vat_number: str | None = None) -> PlacedOrder:
        """R12.4: the key is required (up to 200 characters); the same key and request
        again answer the first order with `created=False`."""
        return ordering.place_order(
            self._uow(), self._gateway, who, idempotency_key=idempotency_key, card=card,
            use_saved_card=use_saved_card, vat_number=vat_number,
            seller_country=self.seller_country, portal_url=self.portal_url)

    def order(self, who: Principal, order_id: int) -> views.OrderOut:
        return ordering.get_order(self._uow(), who, order_id)

    # --- trials (R9) ---------------------------------------------------------------------
    def start_trial(self, who: Principal, *, product: str, level: str | None = None,
                    licenses: object = 1) -> views.TrialOut:
        return trials.start_trial(self._uow(), who, product=product, level=level,
                                  licenses=licenses, portal_url=self.portal_url)

    # --- Manage user products (R13) ------------------------------------------------------
    def users(self, who: Principal) -> list[views.UserLicensesOut]:
        return licenses.list_users(self._uow(), who)

    def assign_license(self, who: Principal, user_id: int,
                       product: str) -> list[views.UserLicensesOut]:
        return licenses.assign_license(self._uow(), who, user_id, product,
                                       portal_url=self.portal_url)

    def unassign_license(self, who: Principal, user_id: int,
                         product: str) -> list[views.UserLicensesOut]:
        return licenses.unassign_license(self._uow(), who, user_id, product,
                                         portal_url=self.portal_url)

    # --- the account's messages ----------------------------------------------------------
    def messages(self, who: Principal) -> list[views.EmailOut]:
        """The emails the account received, newest first; billing contacts only."""
        return messages.list_messages(self._uow(), who)

    # --- test control (api.md; the edge decides whether it is offered) -------------------
    def create_test_account(self, *, kind: str = "standard", country: str | None = None,
                            currency: str | None = None, locale: str | None = None,
                            name: str | None = None, today: date | None = None,
                            billing_day: int | None = None,
                            subscriptions: list[dict] | None = None,
                            trials_used: list[str] | None = None,
                            cart: list[dict] | None = None, card_on_file: bool = False,
                            vat_number: str | None = None,
                            extra_users: int = 0) -> views.TestAccountOut:
        return testing.create_test_account(
            self._uow(), faker_seed=self.settings.faker_seed, kind=kind, country=country,
            currency=currency, locale=locale, name=name, today=today, billing_day=billing_day,
            subscriptions=subscriptions, trials_used=trials_used, cart=cart,
            card_on_file=card_on_file, vat_number=vat_number, extra_users=extra_users)

    def set_clock(self, account_id: int, today: date | None) -> date:
        """R14: freeze one account's today (None releases it); returns its today."""
        return testing.set_clock(self._uow(), account_id, today)

    def emails(self, account_id: int) -> list[views.EmailOut]:
        return testing.list_emails(self._uow(), account_id)

    def charges(self, account_id: int) -> list[views.ChargeOut]:
        return testing.list_charges(self._uow(), account_id)

    def deployment_config(self) -> views.DeploymentConfigOut:
        return views.DeploymentConfigOut(corporate_portal_url=self.portal_url,
                                         seller_country=self.seller_country.strip().upper())
