"""VAT numbers and VAT rates (R11.2, R11.3).

Standard rates live in ``backend/data/vat_rates.csv`` (rates in force on 2026-01-01).
VAT numbers are checked offline with python-stdnum: ``stdnum.eu.vat`` for EU members
(Greece uses the ``EL`` prefix) and ``stdnum.gb.vat`` for the United Kingdom.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib.resources import files

from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.gb import vat as gb_vat
from stdnum.util import clean

from backend.domain.errors import Country, ValidationFailed, _
from backend.domain.money import to_cents

_FIELD = "vat_number"
_PREFIX_ALIASES = {"GR": "GR"}  # stdnum also accepts GR; we store the official EL


@dataclass(frozen=True)
class VatRate:
    country: str  # ISO 3166 alpha-2
    vat_prefix: str  # prefix of VAT numbers (EL for GR)
    rate: Decimal  # percent, e.g. Decimal("25.5")
    eu: bool


@dataclass(frozen=True)
class VatResult:
    rate: Decimal  # percent applied (0 under reverse charge or outside EU/GB)
    amount: Decimal  # rounded half-up to the cent
    reverse_charge: bool
    country: str  # customer country


@cache
def load_vat_rates() -> dict[str, VatRate]:
    """The VAT table keyed by country code (R11.3), read once from the packaged CSV."""
    text = files("backend").joinpath("data/vat_rates.csv").read_text(encoding="utf-8")
    return {
        row["country"]: VatRate(
            country=row["country"],
            vat_prefix=row["vat_prefix"],
            rate=Decimal(row["rate"]),
            eu=row["eu"] == "1",
        )
        for row in csv.DictReader(text.splitlines())
    }


def _prefix_to_country() -> dict[str, str]:
    mapping = {r.vat_prefix: r.country for r in load_vat_rates().values()}
    mapping.update(_PREFIX_ALIASES)
    return mapping


def vat_applies(country: str) -> bool:
    """True for EU members and GB: the countries where VAT is charged (R11.3)."""
    return country.upper() in load_vat_rates()


def currency_for_country(country: str) -> str:
    """Billing currency: EUR for every EU member (also those outside the euro area, to
    keep one EU price list), GBP for GB, USD everywhere else."""
    rate = load_vat_rates().get(country.upper())
    if rate is None:
        return "USD"
    return "EUR" if rate.eu else "GBP"


def _validate(country: str, compact: str) -> str | None:
    """Compact number with the official prefix if valid for ``country``, else None."""
    prefix = load_vat_rates()[country].vat_prefix
    try:
        if country == "GB":
            return "GB" + gb_vat.validate(compact)
        return prefix + eu_vat.validate(prefix + compact)[2:]
    except ValidationError:
        return None


def normalize_vat_number(raw: str, account_country: str) -> str:
    """Validate a VAT number for an account (R11.2) and return it compact with its
    country prefix ("DE136695976", "EL094259216", "GB980780684").

    The prefix is optional in ``raw``; spaces, dots, dashes and slashes are ignored.
    Raises ``ValidationFailed(field="vat_number")`` when the account's country has no
    VAT registration here, when the number is malformed or its check digits are wrong,
    and when it is a valid number of another country.
    """
    country = account_country.strip().upper()
    if country not in load_vat_rates():
        raise ValidationFailed(
            _(
                "VAT numbers can only be added for accounts in the EU or the United Kingdom "
                "(this account's country: {country})."
            ),
            field=_FIELD,
            country=Country(country),
        )
    compact = clean(raw or "", " -./,").upper().strip()
    prefixes = _prefix_to_country()
    number_country = prefixes.get(compact[:2])
    if number_country is not None:
        valid = _validate(number_country, compact[2:])
        if valid is not None:
            if number_country != country:
                raise ValidationFailed(
                    _(
                        "This VAT number belongs to {number_country}, but the account is in "
                        "{account_country}: enter a VAT number from {account_country}."
                    ),
                    field=_FIELD,
                    number_country=Country(number_country),
                    account_country=Country(country),
                )
            return valid
    # No recognised prefix (or a French key that merely looks like one): read the
    # whole input as a number of the account's country.
    valid = _validate(country, compact)
    if valid is None:
        raise ValidationFailed(
            _("This VAT number is not valid for {country}: check its format and digits."),
            field=_FIELD,
            country=Country(country),
        )
    return valid


def compute_vat(
    subtotal: Decimal,
    customer_country: str,
    valid_vat_number: str | None,
    seller_country: str = "IE",
) -> VatResult:
    """VAT due on ``subtotal`` (R11.3).

    ``valid_vat_number`` must already have passed ``normalize_vat_number`` for this
    customer. A valid number from another country than the seller's (EU or GB) means
    reverse charge: rate 0, amount 0.00. Otherwise EU and GB customers pay their
    country's standard rate; everyone else pays no VAT.
    """
    country = customer_country.strip().upper()
    seller = seller_country.strip().upper()
    rate = load_vat_rates().get(country)
    if rate is None:
        return VatResult(Decimal("0"), to_cents(Decimal("0")), False, country)
    if valid_vat_number and country != seller:
        return VatResult(Decimal("0"), to_cents(Decimal("0")), True, country)
    return VatResult(rate.rate, to_cents(subtotal * rate.rate / 100), False, country)
