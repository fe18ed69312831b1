"""Money as exact decimals, rounded half-up to the cent (R10.3, R10.4).

Amounts are always ``Decimal``; floats never enter the computation.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from backend.domain.errors import ValidationFailed, _

CENT = Decimal("0.01")


def to_cents(x: Decimal) -> Decimal:
    """Round to the cent, halves away from zero (1.005 -> 1.01, -20.2666 -> -20.27)."""
    return x.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_money(text: str, *, field: str | None = None) -> Decimal:
    """Parse a plain decimal amount such as ``"1990.00"`` or ``"-20.27"``.

    At most two decimal places; no thousands separators or currency signs (locale-aware
    parsing belongs to the i18n edge). The result always has exactly two decimals.
    """
    cleaned = text.strip() if isinstance(text, str) else ""
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or to_cents(value) != value:
        raise ValidationFailed(
            _("'{value}' is not an amount of money (use digits and at most two decimals)."),
            field=field,
            value=text,
        )
    return to_cents(value)
