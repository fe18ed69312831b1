"""The test world around the person: accounts made for a scenario, the test clock, the
billing contact's mailbox, the card statement and the catalog's prices. Steps use it
through the `backoffice` fixture (implemented in fixtures/, over the deployment's
contract); they never reach it by HTTP themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

# Every scenario states its date; this is the harness's default when one forgets.
DEFAULT_TODAY = date(2026, 11, 26)

COUNTRIES: dict[str, str] = {
    "France": "FR",
    "Germany": "DE",
    "Ireland": "IE",
    "Belgium": "BE",
    "Finland": "FI",
    "Hungary": "HU",
    "Luxembourg": "LU",
    "Greece": "GR",
    "the United Kingdom": "GB",
    "the United States": "US",
    "Austria": "AT",
    "Bulgaria": "BG",
    "Cyprus": "CY",
    "Czechia": "CZ",
    "Denmark": "DK",
    "Estonia": "EE",
    "Spain": "ES",
    "Croatia": "HR",
    "Italy": "IT",
    "Lithuania": "LT",
    "Latvia": "LV",
    "Malta": "MT",
    "the Netherlands": "NL",
    "Poland": "PL",
    "Portugal": "PT",
    "Romania": "RO",
    "Sweden": "SE",
    "Slovenia": "SI",
    "Slovakia": "SK",
}

CURRENCIES: dict[str, str] = {"GB": "GBP", "US": "USD"}  # every other country: EUR


def currency_of(country: str) -> str:
    return CURRENCIES.get(country, "EUR")


@dataclass
class Holding:
    """A subscription the account holds before the scenario starts."""

    offer: str  # "GoToMeeting Business": product name, then level name when it has levels
    licenses: int
    term: str | None
    status: str = "active"
    period_start: date | None = None


@dataclass
class CartLine:
    offer: str
    licenses: int
    term: str


@dataclass
class AccountSpec:
    """What a scenario says about its account before anyone signs in."""

    kind: str = "standard"
    country: str = "FR"
    currency: str | None = None
    locale: str = "en"
    today: date = DEFAULT_TODAY
    billing_day: int | None = None
    subscriptions: list[Holding] = field(default_factory=list)
    trials_used: list[str] = field(default_factory=list)
    cart: list[CartLine] = field(default_factory=list)
    card_on_file: bool = False
    extra_users: int = 0
    vat_number: str | None = None


@dataclass(frozen=True)
class Credentials:
    email: str
    password: str


@dataclass(frozen=True)
class TestAccount:
    __test__ = False  # not a pytest test class

    account_id: str
    billing_contact: Credentials
    users: tuple[Credentials, ...]


@dataclass(frozen=True)
class Level:
    name: str
    max_licenses: int
    monthly: Decimal  # per license per month, in the account's currency
    annual: Decimal  # per license per year


@dataclass(frozen=True)
class CatalogProduct:
    """A product of the catalog with its prices, as the back office knows them (no screen
    has to show a price list for a scenario to check a rate against the catalog)."""

    name: str
    trial_days: int | None
    levels: tuple[Level, ...]

    def level(self, name: str) -> Level:
        for level in self.levels:
            if level.name.casefold() == name.casefold():
                return level
        raise KeyError(f"{self.name} has no level {name!r}")


@dataclass(frozen=True)
class DeploymentConfig:
    """What the deployment is configured with where the rules leave it a choice: the
    Corporate Billing Portal's link (R0.2) and the seller's country (R11.3)."""

    corporate_portal_url: str
    seller_country: str  # ISO 3166 alpha-2, upper case


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    body: str
    kind: str
    sent_at: str


@dataclass(frozen=True)
class Charge:
    amount: Decimal
    currency: str
    last4: str
    order_number: str


class Backoffice(Protocol):
    """The test-control side of a deployment."""

    def catalog_names(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(product name, level names) of the deployment's catalog, to read the features'
        offers ("GoToWebinar Pro") whoever is signed in."""
        ...

    def catalog(self, account: TestAccount) -> tuple[CatalogProduct, ...]:
        """The catalog with the prices that apply to this account (its currency)."""
        ...

    def euro_monthly_prices(self) -> dict[tuple[str, str], Decimal]:
        """(product name, level name) -> the catalog's monthly price per license in EUR:
        the base every other price is derived from (annual, GBP, USD)."""
        ...

    def configuration(self) -> DeploymentConfig:
        """The deployment's configured portal link and seller country."""
        ...

    def create_account(self, spec: AccountSpec) -> TestAccount: ...
    def set_today(self, account: TestAccount, today: date) -> None: ...
    def emails(self, account: TestAccount) -> tuple[Email, ...]: ...
    def charges(self, account: TestAccount) -> tuple[Charge, ...]: ...
