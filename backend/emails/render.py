"""Rendering of the emails. Templates live in ./templates as `<kind>.<language>.txt`; the
first line is `Subject: …`, the rest is the body. Money, dates and rates are formatted by
backend.i18n for the email's language; interface words come from the binding labels."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from backend.i18n import format_date, format_money, format_percent_rate, label, normalize

TEMPLATES_DIR = Path(__file__).parent / "templates"

LINE_KINDS = ("new", "credit", "renewal")
TERMS = ("monthly", "annual")

_LAST4 = re.compile(r"[0-9]{4}")
# 13 or more digits, possibly grouped by single spaces or hyphens: a card number, never
# legitimate content of an email.
_CARD_LIKE = re.compile(r"[0-9](?:[ -]?[0-9]){12,}")


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    body: str


@dataclass(frozen=True)
class _Line:
    kind: str
    product_name: str
    level_name: str
    licenses: int
    term: str
    period_start: date
    period_end: date
    rate: Decimal
    amount: Decimal


@cache
def _environment(locale: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=False,  # plain text
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # package files: no stat of the template on every email
    )
    env.filters["money"] = lambda amount, currency: format_money(amount, currency, locale)
    env.filters["date"] = lambda d: format_date(d, locale)
    env.filters["percent"] = lambda rate: format_percent_rate(rate, locale)
    env.globals["label"] = lambda key: label(key, locale)
    return env


def _one_line(text: object) -> str:
    """A name as a single line, so that no value can add lines (or headers) to an email."""
    return " ".join(str(text).split())


def _render(kind: str, locale: str, **context: object) -> RenderedEmail:
    locale = normalize(locale)
    text = _environment(locale).get_template(f"{kind}.{locale}.txt").render(**context)
    first, _, body = text.partition("\n")
    if not first.startswith("Subject:"):
        raise RuntimeError(f"template {kind}.{locale}.txt must start with 'Subject: '")
    email = RenderedEmail(subject=first.removeprefix("Subject:").strip(), body=body.lstrip("\n"))
    if _CARD_LIKE.search(email.subject) or _CARD_LIKE.search(email.body):
        raise ValueError("refusing to render an email that contains a card-like number")
    return email


def render_trial_welcome(
    locale: str,
    *,
    contact_name: str,
    product_name: str,
    level_name: str,
    licenses: int,
    trial_end: date,
) -> RenderedEmail:
    """R9.3: the welcome email of a free trial, in the billing contact's language."""
    return _render(
        "trial_welcome",
        locale,
        contact_name=_one_line(contact_name),
        product_name=_one_line(product_name),
        level_name=_one_line(level_name),
        licenses=int(licenses),
        trial_end=trial_end,
    )


def _money(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | str) and not isinstance(value, bool):
        return Decimal(value)
    raise ValueError(f"money must be an exact decimal, not {type(value).__name__}")


def _line(raw: Mapping[str, object]) -> _Line:
    try:
        line = _Line(
            kind=str(raw["kind"]),
            product_name=_one_line(raw["product_name"]),
            level_name=_one_line(raw["level_name"]),
            licenses=int(raw["licenses"]),  # type: ignore[call-overload]
            term=str(raw["term"]),
            period_start=raw["period_start"],  # type: ignore[arg-type]
            period_end=raw["period_end"],  # type: ignore[arg-type]
            rate=_money(raw["rate"]),
            amount=_money(raw["amount"]),
        )
    except KeyError as missing:
        raise ValueError(f"order line without {missing}") from None
    if line.kind not in LINE_KINDS:
        raise ValueError(f"unknown order line kind {line.kind!r}")
    if line.term not in TERMS:
        raise ValueError(f"unknown term {line.term!r}")
    if line.kind == "credit" and line.amount:  # a credit is always shown as money given back
        line = replace(line, amount=-abs(line.amount))
    return line


def render_order_confirmation(
    locale: str,
    *,
    contact_name: str,
    order_number: str,
    placed_on: date,
    lines: Sequence[Mapping[str, object]],
    subtotal: Decimal,
    vat_rate: Decimal,
    vat_amount: Decimal,
    reverse_charge: bool,
    total_due: Decimal,
    currency: str,
    next_billing_date: date,
    card_brand: str,
    card_last4: str,
    licenses_to_assign: bool,
    vat_number: str | None = None,
) -> RenderedEmail:
    """R12.3: the confirmation email of a placed order, in the billing contact's language.

    The card appears only as its brand and last four digits: `card_last4` must be exactly
    four digits (ValueError otherwise), so a full card number can never be passed in.
    """
    if not isinstance(card_last4, str) or not _LAST4.fullmatch(card_last4):
        raise ValueError("card_last4 must be exactly the last four digits of the card")
    return _render(
        "order_confirmation",
        locale,
        contact_name=_one_line(contact_name),
        order_number=_one_line(order_number),
        placed_on=placed_on,
        lines=[_line(raw) for raw in lines],
        subtotal=subtotal,
        vat_rate=vat_rate,
        vat_amount=vat_amount,
        reverse_charge=bool(reverse_charge),
        total_due=total_due,
        currency=currency,
        next_billing_date=next_billing_date,
        card_brand=_one_line(card_brand),
        card_last4=card_last4,
        licenses_to_assign=bool(licenses_to_assign),
        vat_number=_one_line(vat_number) if vat_number else None,
    )
