"""The scene: what one scenario has built and seen so far, shared by its steps.

Givens describe the account (an AccountSpec); the account is made through the backoffice
when someone first signs in (so the Givens' order reads naturally: account, then people).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

import pytest

from steps.driver import (
    AccountView,
    CartView,
    Confirmation,
    Driver,
    OfferedProduct,
    Payment,
    PlaceOrderPage,
    Refusal,
    Refused,
    Screen,
    SubscriptionChoice,
    TrialConfirmation,
)
from steps.naming import split_offer
from steps.world import AccountSpec, Backoffice, Charge, Credentials, Email, TestAccount

T = TypeVar("T")


@dataclass(frozen=True)
class AccountState:
    """The whole account as the signed-in person sees it (subscriptions, card on file, VAT
    number, billing day, cart) and as the back office records it (emails, charges)."""

    account: AccountView
    cart: CartView
    emails: tuple[Email, ...]
    charges: tuple[Charge, ...]

    def differences(self, after: AccountState) -> list[str]:
        """What changed from this state to `after`, one line per difference."""
        seen: list[tuple[str, object, object]] = [
            (name, getattr(self.account, name), getattr(after.account, name))
            for name in (
                "subscriptions", "card", "vat_number", "billing_day", "today", "cart_count",
                "kind", "country", "offers_add_subscription",
            )
        ]
        seen += [
            ("cart", self.cart, after.cart),
            ("emails", [(e.kind, e.subject) for e in self.emails],
             [(e.kind, e.subject) for e in after.emails]),
            ("charges", self.charges, after.charges),
        ]
        return [f"{name}: {was!r}\n  now: {now!r}" for name, was, now in seen if was != now]



@dataclass
class Scene:
    driver: Driver
    backoffice: Backoffice
    spec: AccountSpec
    contact: str = "Claire"
    colleagues: list[str] = field(default_factory=list)
    account: TestAccount | None = None
    people: dict[str, Credentials] = field(default_factory=dict)
    person: str | None = None
    offered: tuple[OfferedProduct, ...] = ()
    choice: SubscriptionChoice | None = None
    screen: Screen | None = None
    page: PlaceOrderPage | None = None
    cart: CartView | None = None
    confirmation: Confirmation | None = None
    confirmations: list[Confirmation] = field(default_factory=list)
    payment: Payment | None = None
    trial: TrialConfirmation | None = None
    refusal: Refusal | None = None
    refusals: list[Refusal] = field(default_factory=list)
    before: AccountState | None = None
    # Set when the scenario says "her account is as it was before" (steps/refusals.py):
    # the state is then kept when a refused action is attempted.
    keeps_before: bool = False
    # The Place Order pages a step went through one after another (a sweep of the catalog).
    pages: list[PlaceOrderPage] = field(default_factory=list)
    _names: tuple[tuple[str, tuple[str, ...]], ...] | None = None

    @property
    def lang(self) -> str:
        return self.driver.lang

    # --- the account ----------------------------------------------------------------------

    def describe(self) -> AccountSpec:
        """The account spec, while it can still change (before anyone signs in)."""
        assert self.account is None, (
            "the account is already made: put the Givens about it before anyone signs in"
        )
        return self.spec

    def ensure_account(self) -> TestAccount:
        if self.account is None:
            self.account = self.backoffice.create_account(self.spec)
            self.people[self.contact] = self.account.billing_contact
            assert len(self.account.users) >= len(self.colleagues), (
                f"asked for {len(self.colleagues)} colleagues, got {self.account.users}"
            )
            for name, user in zip(self.colleagues, self.account.users, strict=False):
                self.people[name] = user
        return self.account

    def credentials(self, name: str) -> Credentials:
        self.ensure_account()
        return self.people[name]

    def set_today(self, today: date) -> None:
        if self.account is None:
            self.spec.today = today
        else:
            self.backoffice.set_today(self.account, today)

    def split(self, offer: str) -> tuple[str, str | None]:
        """("GoToWebinar", "Pro") for "GoToWebinar Pro"; ("LogMeIn Pro", None) for "LogMeIn Pro"."""
        if self._names is None:
            self._names = self.backoffice.catalog_names()
        return split_offer(offer, self._names)

    def product(self, offer: str) -> str:
        return self.split(offer)[0]

    # --- what the person saw ----------------------------------------------------------------

    def show(self, screen: Screen) -> Screen:
        self.screen = screen
        if isinstance(screen, PlaceOrderPage):
            self.page = screen
        elif isinstance(screen, CartView):
            self.cart = screen
        elif isinstance(screen, TrialConfirmation):
            self.trial = screen
        return screen

    def state(self) -> AccountState:
        """The account now, through the person's screens and the back office."""
        account = self.ensure_account()
        return AccountState(
            account=self.driver.view_account(),
            cart=self.driver.view_cart(),
            emails=self.backoffice.emails(account),
            charges=self.backoffice.charges(account),
        )

    def attempt(self, action: Callable[[], T]) -> T | None:
        """Do what the person tries; a refusal is kept for the Then steps. When the
        scenario compares the account with how it was before, its state is kept first (once
        until compared: several attempts in a row are compared with the state before the
        first)."""
        if self.keeps_before and self.before is None:
            self.before = self.state()
        self.refusal = None
        try:
            return action()
        except Refused as refused:
            self.refusal = refused.refusal
            self.refusals.append(refused.refusal)
            return None

    def act(self, action: Callable[[], T], *, attempted: str | bool | None) -> T | None:
        """The step's action: tried (a refusal kept, see `attempt`) when the step says
        "tries to", else done (a refusal fails the scenario)."""
        return self.attempt(action) if attempted else action()

    def refused(self) -> Refusal:
        assert self.refusal is not None, (
            f"expected a refusal, but the attempt went through (last screen: {self.screen!r})"
        )
        return self.refusal


@pytest.fixture
def scene(driver: Driver, backoffice: Backoffice) -> Scene:
    return Scene(driver=driver, backoffice=backoffice, spec=AccountSpec(locale=driver.lang))
