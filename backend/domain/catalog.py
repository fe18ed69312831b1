"""The product catalog as reference data: products, levels, prices per currency (R5, R6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from backend.domain.errors import NotFound, ValidationFailed, _

TERMS = ("monthly", "annual")


@dataclass(frozen=True)
class Level:
    code: str
    name: str
    max_licenses: int
    # prices[currency][term] = price per license per term
    prices: dict[str, dict[str, Decimal]] = field(default_factory=dict, hash=False, compare=False)

    def price(self, currency: str, term: str) -> Decimal:
        try:
            return self.prices[currency][term]
        except KeyError:
            raise NotFound(_("No price is set for this level in {currency}."),
                           currency=currency) from None


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    trial_days: int | None
    levels: tuple[Level, ...]

    @property
    def has_trial(self) -> bool:
        return bool(self.trial_days)

    @property
    def has_level_choice(self) -> bool:
        """R5: the level step is shown only when there is more than one level."""
        return len(self.levels) > 1

    def resolve_level(self, level_code: str | None) -> Level:
        """R5: a one-level product takes its only level silently; otherwise the level must
        be one of the product's levels."""
        if not level_code:
            if not self.has_level_choice:
                return self.levels[0]
            raise ValidationFailed(_("Choose a subscription level."), field="level")
        for level in self.levels:
            if level.code == level_code:
                return level
        raise ValidationFailed(
            _("{level} is not a level of {product}."),
            field="level", level=level_code, product=self.name,
        )


@dataclass(frozen=True)
class Catalog:
    products: tuple[Product, ...]
    # by code: a page or an order looks a product up for each of its lines
    _by_code: dict[str, Product] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, Product] = {}
        for product in self.products:
            by_code.setdefault(product.code, product)  # the first, as a scan would find it
        object.__setattr__(self, "_by_code", by_code)

    @property
    def currencies(self) -> frozenset[str]:
        """The currencies every level has prices in."""
        priced = [frozenset(lv.prices) for p in self.products for lv in p.levels]
        return frozenset.intersection(*priced) if priced else frozenset()

    def get(self, code: str) -> Product:
        product = self._by_code.get(code)
        if product is not None:
            return product
        raise ValidationFailed(_("There is no product {product}."), field="product", product=code)


def parse_licenses(raw: object, max_licenses: int) -> int:
    """R6: a whole number from 1 to the level's maximum; anything else (0, negative,
    decimal, text, above the maximum) is refused with a message naming the range."""
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit():
        value = int(raw.strip())  # isascii: "²" is a digit to isdigit() but not to int()
    if value is None or not 1 <= value <= max_licenses:
        raise ValidationFailed(
            _("Enter a whole number of user licenses from 1 to {max}."),
            field="licenses", max=max_licenses,
        )
    return value


def parse_term(raw: object) -> str:
    """R7: a purchase is monthly or annual."""
    if raw not in TERMS:
        raise ValidationFailed(_("Choose Monthly or Annual."), field="term")
    return str(raw)
