"""The one interface steps talk to: what a billing contact can do and what she sees.

Three ways in implement it: the api driver (HTTP contract), a web driver (Playwright on
the pages, by role and the labels of flow.md) and a TUI driver (Textual Pilot). So the
protocol speaks of people, products, buttons' meanings and screens; never of requests,
selectors or keys.

Conventions (all drivers):
- Products and levels are named as a person names them: the product's name
  ("GoToWebinar", "GoTo Connect") and the level's name ("Pro").
- Terms are "monthly" | "annual"; actions are "buy" | "try".
- Every refusal the deployment shows is raised as `Refused`, carrying a `Refusal`
  (never returned). `Refusal.field` is a label key of steps.labels ("licenses",
  "vat_number", "card_number"…) or None.
- When an option is not offered on screen (no Try button, no Add a new subscription
  action), the driver makes the direct attempt its way in allows (a request, a URL, a key)
  so that the deployment's own refusal is observed; it never refuses on its own.
- Each driver owns its waiting: a method returns when its screen is settled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

Action = Literal["buy", "try"]
Term = Literal["monthly", "annual"]


# --- what a person sees -----------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """An error shown to the person: why (a stable code), the words, where, and a link."""

    code: str
    message: str
    field: str | None = None
    link: str | None = None


class Refused(Exception):  # noqa: N818 (it reads as what happened: "Refused")
    """The deployment refused what the person tried; nothing was done."""

    def __init__(self, refusal: Refusal):
        super().__init__(f"{refusal.code}: {refusal.message} (field: {refusal.field})")
        self.refusal = refusal


@dataclass(frozen=True)
class OfferedProduct:
    """A product listed by Add a new subscription, with the actions offered for it."""

    name: str
    can_buy: bool
    can_try: bool


@dataclass(frozen=True)
class SubscriptionChoice:
    """The add-subscription modal as it stands: product, action and the questions asked.

    `levels_offered` is empty when the level step is skipped (R5); `terms_offered` is empty
    when no term is asked (R7); `primary_action_label` is the button that finishes it
    ("Place Order", "Add to Cart", "Start Trial", in the person's language).
    """

    product: str
    action: Action
    levels_offered: tuple[str, ...]
    level: str | None
    licenses: str
    max_licenses: int | None
    terms_offered: tuple[Term, ...]
    term: Term | None
    primary_action_label: str


@dataclass(frozen=True)
class CartItem:
    product: str
    level: str
    licenses: int
    term: Term | None


@dataclass(frozen=True)
class CartView:
    """The cart: its items and whether it offers its own Place Order button. (What the buy
    button says for the next item, R8.2/R8.3, is read where it shows: the choice's
    `primary_action_label`.)"""

    items: tuple[CartItem, ...]
    offers_place_order: bool

    def item(self, product: str) -> CartItem:
        for item in self.items:
            if item.product.casefold() == product.casefold():
                return item
        raise KeyError(f"{product} is not in the cart: {self.items}")


@dataclass(frozen=True)
class OrderLine:
    kind: Literal["new", "credit", "renewal"]
    product: str
    level: str
    licenses: int
    term: Term | None
    period_start: date
    period_end: date
    rate: Decimal
    amount: Decimal


@dataclass(frozen=True)
class PlaceOrderPage:
    today: date
    billing_day: int
    lines: tuple[OrderLine, ...]
    subtotal: Decimal
    vat_rate: Decimal  # a percentage: 20, 25.5, 0
    vat_amount: Decimal
    reverse_charge: bool
    vat_country: str | None
    total_due: Decimal
    currency: str

    @property
    def billing_period(self) -> tuple[date, date]:
        """The billing period of the first new item (R10.2: it starts today)."""
        new = [line for line in self.lines if line.kind == "new"]
        first = (new or list(self.lines))[0]
        return first.period_start, first.period_end

    def lines_of(self, product: str, kind: str | None = None) -> tuple[OrderLine, ...]:
        return tuple(
            line
            for line in self.lines
            if line.product.casefold() == product.casefold() and kind in (None, line.kind)
        )


@dataclass(frozen=True)
class Card:
    holder: str
    number: str
    exp_month: int
    exp_year: int
    cvc: str


@dataclass(frozen=True)
class Payment:
    """Payment details as entered on the Place Order page: a new card or the saved one."""

    card: Card | None = None
    use_saved_card: bool = False


@dataclass(frozen=True)
class ActiveProduct:
    product: str
    level: str
    licenses: int
    term: Term | None


@dataclass(frozen=True)
class Confirmation:
    """The order confirmation screen (R12.2)."""

    order_number: str
    placed_on: date
    lines: tuple[OrderLine, ...]
    subtotal: Decimal
    vat_rate: Decimal
    vat_amount: Decimal
    total_due: Decimal
    currency: str
    billing_day: int
    next_billing_date: date
    card_brand: str
    card_last4: str
    active: tuple[ActiveProduct, ...]
    manage_users_reminder: bool
    manage_users_label: str | None


@dataclass(frozen=True)
class TrialConfirmation:
    """The trial confirmation screen (R9.2)."""

    product: str
    level: str
    licenses: int
    trial_end: date


@dataclass(frozen=True)
class SavedCard:
    brand: str
    last4: str
    exp_month: int
    exp_year: int


@dataclass(frozen=True)
class Subscription:
    product: str
    level: str
    licenses: int
    assigned: int
    term: Term | None
    status: Literal["active", "trialing", "expired"]
    period_start: date | None
    period_end: date | None
    next_billing_date: date | None
    trial_end: date | None


@dataclass(frozen=True)
class AccountView:
    """The account overview of the signed-in person."""

    name: str
    kind: Literal["standard", "enterprise"]
    country: str
    currency: str
    billing_day: int
    today: date
    vat_number: str | None
    card: SavedCard | None
    subscriptions: tuple[Subscription, ...]
    cart_count: int
    offers_add_subscription: bool

    def subscriptions_of(self, product: str) -> tuple[Subscription, ...]:
        return tuple(s for s in self.subscriptions if s.product.casefold() == product.casefold())


@dataclass(frozen=True)
class UserLicenses:
    email: str
    name: str
    is_billing_contact: bool
    products: tuple[str, ...]


@dataclass(frozen=True)
class ProductLicenses:
    product: str
    assigned: int
    total: int


@dataclass(frozen=True)
class UserProductsView:
    """Manage user products (R13): the users and each product's licenses."""

    users: tuple[UserLicenses, ...]
    products: tuple[ProductLicenses, ...] = field(default_factory=tuple)

    def user(self, email: str) -> UserLicenses:
        for user in self.users:
            if user.email.casefold() == email.casefold():
                return user
        raise KeyError(email)

    def product(self, name: str) -> ProductLicenses:
        for product in self.products:
            if product.product.casefold() == name.casefold():
                return product
        raise KeyError(name)


Screen = PlaceOrderPage | CartView | TrialConfirmation


# --- what a person does -----------------------------------------------------------------


@runtime_checkable
class Driver(Protocol):
    """One way into the Billing Center, used by one person at a time."""

    name: str  # "api", "web", "tui"
    lang: str  # the person's language: "en" | "fr"

    # step 1 and R1
    def sign_in(self, email: str, password: str) -> None: ...
    def sign_out(self) -> None: ...
    def view_account(self) -> AccountView: ...

    # steps 2 to 8
    def open_add_subscription(self) -> tuple[OfferedProduct, ...]: ...
    def choose(self, product: str, action: Action) -> SubscriptionChoice: ...
    def pick_level(self, level: str) -> SubscriptionChoice: ...
    def set_licenses(self, licenses: str) -> SubscriptionChoice:
        """Type a number of user licenses and go on (Next). The value is what the person
        typed ("3", "0", "ten"); an invalid one is refused at the "licenses" field, at the
        latest when the choice is confirmed."""
        ...

    def pick_term(self, term: Term) -> SubscriptionChoice: ...
    def confirm_choice(self) -> Screen:
        """Press the modal's primary action: Place Order opens the Place Order page,
        Add to Cart shows the cart, Start Trial shows the trial confirmation."""
        ...

    # the cart and the Place Order page (steps 8 to 10)
    def view_cart(self) -> CartView: ...
    def open_place_order(self) -> PlaceOrderPage: ...
    def enter_vat_number(self, vat_number: str | None) -> PlaceOrderPage: ...
    def edit_item(
        self,
        product: str,
        *,
        level: str | None = None,
        licenses: str | None = None,
        term: Term | None = None,
    ) -> PlaceOrderPage:
        """Edit Order: change an item, come back to the page recomputed. `licenses` is what
        the person typed, as for `set_licenses`; an invalid value is refused at the field."""
        ...

    def remove_item(self, product: str) -> PlaceOrderPage | CartView:
        """Edit Order: remove an item; an emptied cart shows the cart, not the page."""
        ...

    def pay(self, payment: Payment) -> Confirmation:
        """Enter payment details and press Place Order on the page (a new submission)."""
        ...

    def pay_twice(self, payment: Payment) -> tuple[Confirmation, ...]:
        """Enter payment details and submit them twice in a row, as a double click on Place
        Order (or a retried request) does: one submission arriving twice. Returns every
        confirmation the person is shown: two for an API client, one where a screen
        shows the outcome once."""
        ...

    # step 11 and R13
    def manage_user_products(self) -> UserProductsView: ...
    def assign_license(self, user_email: str, product: str) -> UserProductsView: ...
    def unassign_license(self, user_email: str, product: str) -> UserProductsView: ...

    # for failure reports
    def diagnostics(self) -> str: ...


@runtime_checkable
class ScreenDriver(Driver, Protocol):
    """A way in that has screens (tui, web): it can also say what the person reads.

    Scenarios that need it are tagged `@screen` and generated only for these drivers; the
    api driver has no screen and does not pretend to."""

    def visible_text(self) -> str:
        """Everything the current screen shows the person, as written for her: headings,
        field labels, buttons, options, table headers and cells, values and messages, one
        piece of text per line (layout aside)."""
        ...


@runtime_checkable
class SubmissionDriver(Driver, Protocol):
    """A way in that can send one submission again with other details: only a client of
    the API can (a screen makes a new submission whenever the details change). Scenarios
    that need it are tagged `@api-only`."""

    def pay_again(self, payment: Payment) -> Confirmation:
        """The last submission sent again, same identity, with these payment details."""
        ...
