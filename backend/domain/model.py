"""Accounts and what they hold: users, subscriptions, the cart, license assignments.

The Account is the aggregate: every rule that needs to see the whole account (eligibility,
cart, trials, placing an order, licenses) is a method here, and the store locks the account
row around a write so two requests never apply rules to stale state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from backend.domain.catalog import Catalog, Product, parse_licenses, parse_term
from backend.domain.dates import add_days
from backend.domain.errors import (
    AlreadySubscribed,
    EnterpriseAccount,
    NotBillingContact,
    NotFound,
    TrialNotAllowed,
    ValidationFailed,
    _,
)

ACTIVE, TRIALING, EXPIRED = "active", "trialing", "expired"
DEFAULT_PORTAL_URL = "https://link.logmeininc.com/corp-billing"


@dataclass(eq=False)
class User:
    email: str
    name: str
    password_hash: str
    is_billing_contact: bool = False
    locale: str = "en"
    id: int | None = None


@dataclass(eq=False)
class Subscription:
    product: str
    level: str
    licenses: int
    term: str | None  # None for a trial (R7)
    status: str
    period_start: date
    period_end: date
    amount_paid: Decimal = Decimal("0.00")
    trial_end: date | None = None
    id: int | None = None

    def status_on(self, today: date) -> str:
        """R9.6: a trial whose end the account's clock has passed is expired."""
        if self.status == TRIALING and self.trial_end is not None and today > self.trial_end:
            return EXPIRED
        return self.status

    def is_paid_active(self, today: date) -> bool:
        return self.status_on(today) == ACTIVE

    def next_billing_date(self, today: date) -> date | None:
        return add_days(self.period_end, 1) if self.is_paid_active(today) else None


@dataclass(eq=False)
class CartItem:
    product: str
    level: str
    licenses: int
    term: str
    id: int | None = None


@dataclass(eq=False)
class UsedProduct:
    """A product the account has had once (trial or subscription): R4 offers Try only
    for products never had."""

    product: str


@dataclass(eq=False)
class LicenseAssignment:
    user_id: int
    product: str


@dataclass(frozen=True)
class Offer:
    """A product as offered on Add a new subscription (R2, R4)."""

    product: Product
    can_buy: bool
    can_try: bool


@dataclass(eq=False)
class Account:
    name: str
    kind: str  # "standard" | "enterprise"
    country: str
    currency: str
    locale: str
    billing_day: int
    vat_number: str | None = None
    card_brand: str | None = None
    card_last4: str | None = None
    card_exp_month: int | None = None
    card_exp_year: int | None = None
    test_today: date | None = None
    users: list[User] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    cart_items: list[CartItem] = field(default_factory=list)
    used_products: list[UsedProduct] = field(default_factory=list)
    assignments: list[LicenseAssignment] = field(default_factory=list)
    id: int | None = None

    # --- who may do it (R0.1, R0.2) -------------------------------------------------
    def ensure_may_add(self, user: User, portal_url: str = DEFAULT_PORTAL_URL) -> None:
        """R0.1: only a billing contact of a standard account adds subscriptions or trials.
        R0.2: an enterprise account's billing contact is sent to the Corporate Billing Portal."""
        self._ensure_billing_contact(user)
        if self.kind == "enterprise":
            raise EnterpriseAccount(portal_url=portal_url)

    def ensure_may_read_billing(self, user: User) -> None:
        """The account's orders and its users' emails are for its billing contacts (R0.1):
        the Billing Center is theirs. An enterprise account's contacts may read them."""
        self._ensure_billing_contact(
            user, _("Only a billing contact of this account can see its orders and users."))

    def _ensure_billing_contact(self, user: User, msgid: str | None = None) -> None:
        if not user.is_billing_contact or user not in self.users:
            raise NotBillingContact(msgid)

    def may_add(self, user: User) -> bool:
        return user.is_billing_contact and self.kind == "standard"

    # --- what is held -------------------------------------------------------------
    def subscription(self, product: str) -> Subscription | None:
        return next((s for s in self.subscriptions if s.product == product), None)

    def holds_active(self, product: str, today: date) -> bool:
        sub = self.subscription(product)
        return sub is not None and sub.is_paid_active(today)

    def has_ever_had(self, product: str) -> bool:
        """R4: an earlier trial or subscription of the product, whatever its state now."""
        return self.subscription(product) is not None or any(
            u.product == product for u in self.used_products
        )

    def remember_product(self, product: str) -> None:
        self.remember_products((product,))

    def remember_products(self, products: Iterable[str]) -> None:
        """R4: these products have been had, so never offered for a trial again. The known
        ones are read once, so an order of many lines stays linear in them."""
        known = {u.product for u in self.used_products}
        for product in products:
            if product not in known:
                known.add(product)
                self.used_products.append(UsedProduct(product=product))

    # --- choosing (R2, R3, R4) ------------------------------------------------------
    def offers(self, catalog: Catalog, today: date) -> list[Offer]:
        """R2: the products not held as an active subscription. R4: Try only for a product
        with a trial that the account has never had; a trialing product is Buy only (R2)."""
        # read once, not per product: with a large catalog and many subscriptions the
        # lookups per product made the list quadratic
        active = {s.product for s in self.subscriptions if s.is_paid_active(today)}
        had = {s.product for s in self.subscriptions} | {u.product for u in self.used_products}
        return [
            Offer(product=p, can_buy=True, can_try=p.has_trial and p.code not in had)
            for p in catalog.products
            if p.code not in active
        ]

    # --- the cart (R8) ---------------------------------------------------------------
    @property
    def primary_action(self) -> str:
        """R8.2/R8.3: Place Order on an empty cart, Add to Cart when items are in it."""
        return "add_to_cart" if self.cart_items else "place_order"

    def cart_item(self, item_id: int) -> CartItem:
        for item in self.cart_items:
            if item.id == item_id:
                return item
        raise NotFound(_("This item is not in the cart."))

    def put_in_cart(self, catalog: Catalog, today: date, *, product: str, level: str | None,
                    licenses: object, term: object) -> CartItem:
        """R8.4: a product is in the cart once; choosing it again edits that item.
        R5, R6, R7 validate the choice; a product held active cannot be bought again."""
        prod = catalog.get(product)
        lvl = prod.resolve_level(level)
        count = parse_licenses(licenses, lvl.max_licenses)
        chosen_term = parse_term(term)
        if self.holds_active(prod.code, today):
            raise AlreadySubscribed(product=prod.name)
        self.ensure_covers_assigned(prod, count)
        for item in self.cart_items:
            if item.product == prod.code:
                item.level, item.licenses, item.term = lvl.code, count, chosen_term
                return item
        item = CartItem(product=prod.code, level=lvl.code, licenses=count, term=chosen_term)
        self.cart_items.append(item)
        return item

    def edit_cart_item(self, catalog: Catalog, item_id: int, *, level: str | None = None,
                       licenses: object = None, term: object = None) -> CartItem:
        """R10.5: Edit Order changes an item's level, licenses or term."""
        item = self.cart_item(item_id)
        prod = catalog.get(item.product)
        lvl = prod.resolve_level(level or item.level)
        count = parse_licenses(item.licenses if licenses is None else licenses, lvl.max_licenses)
        chosen_term = parse_term(item.term if term is None else term)
        self.ensure_covers_assigned(prod, count)
        item.level, item.licenses, item.term = lvl.code, count, chosen_term
        return item

    def remove_cart_item(self, item_id: int) -> None:
        self.cart_items.remove(self.cart_item(item_id))

    # --- trials (R9) --------------------------------------------------------------------
    def start_trial(self, catalog: Catalog, today: date, *, product: str, level: str | None,
                    licenses: object) -> Subscription:
        """R9.1: trialing at once, from today to today + the trial days; no payment, the
        cart and the billing date untouched. R9.4: refused unless R4 offers Try."""
        prod = catalog.get(product)
        lvl = prod.resolve_level(level)
        count = parse_licenses(licenses, lvl.max_licenses)
        if not prod.has_trial or self.has_ever_had(prod.code):
            raise TrialNotAllowed(product=prod.name)
        end = add_days(today, prod.trial_days or 0)
        sub = Subscription(product=prod.code, level=lvl.code, licenses=count, term=None,
                           status=TRIALING, period_start=today, period_end=end, trial_end=end)
        self.subscriptions.append(sub)
        self.remember_product(prod.code)
        return sub

    # --- card on file (R11.1) -------------------------------------------------------------
    def save_card(self, brand: str, last4: str, exp_month: int, exp_year: int) -> None:
        self.card_brand, self.card_last4 = brand, last4
        self.card_exp_month, self.card_exp_year = exp_month, exp_year

    # --- licenses (R13) ------------------------------------------------------------------
    def user(self, user_id: int) -> User:
        for user in self.users:
            if user.id == user_id:
                return user
        raise NotFound(_("There is no such user on this account."))

    def ensure_covers_assigned(self, product: Product, licenses: int) -> None:
        """R13: buying a product that is trialing keeps its license assignments, so the
        purchase must cover the licenses already assigned."""
        assigned = self.assigned_count(product.code)
        if licenses < assigned:
            raise ValidationFailed(
                _("{assigned} licenses of {product} are assigned to users: choose at least "
                  "{assigned}, or unassign some first."),
                field="licenses", assigned=assigned, product=product.name,
            )

    def assigned_count(self, product: str) -> int:
        return sum(1 for a in self.assignments if a.product == product)

    def licenses_of(self, user_id: int) -> list[str]:
        return sorted(a.product for a in self.assignments if a.user_id == user_id)

    def assign_license(self, user_id: int, product: str, today: date,
                       catalog: Catalog | None = None) -> None:
        """R13: a user holds at most one license of a product (assigning again changes
        nothing); no more licenses than bought can be assigned."""
        self.user(user_id)
        name = catalog.get(product).name if catalog else product
        sub = self.subscription(product)
        if sub is None or sub.status_on(today) == EXPIRED:
            raise ValidationFailed(
                _("This account has no licenses of {product} to assign."),
                field="product", product=name,
            )
        if product in self.licenses_of(user_id):
            return
        if self.assigned_count(product) >= sub.licenses:
            raise ValidationFailed(
                _("All {count} licenses of {product} are assigned: unassign one or buy more."),
                field="product", count=sub.licenses, product=name,
            )
        self.assignments.append(LicenseAssignment(user_id=user_id, product=product))

    def unassign_license(self, user_id: int, product: str) -> None:
        self.user(user_id)
        for a in list(self.assignments):
            if a.user_id == user_id and a.product == product:
                self.assignments.remove(a)
