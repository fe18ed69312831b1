"""Request bodies and parameters, named by use. Fields that a person types (licenses, card
expiry) are taken as given (`Loose`) and checked by the domain, so a bad value gets the
rule's own message (R6: the allowed range) instead of a generic type error; the OpenAPI
document still says what they take. Other fields take exactly their JSON type: no "5" for a
number, no 0 or "2026-11-26T00:00" for a date (api.md: dates are YYYY-MM-DD).

Whatever its type, nothing a client sends reaches the services unbounded: every text is
capped in length and refused when it holds a NUL character or an unpaired surrogate (neither
can be stored by PostgreSQL or written as UTF-8), and every id fits the database's
narrowest integer column. The refusals are ordinary `validation` errors (api/errors.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

TEXT_MAX = 1000  # longer than anything a person types here (an email is at most 254)
LOOSE_TEXT_MAX = 100  # a number typed as text: licenses, card number, expiry, CVC
LIST_MAX = 50  # items a test account may list (products, cart items)
# Ids are INTEGER columns: PostgreSQL's is 32-bit, the narrowest of the supported stores.
ID_MAX = 2**31 - 1


def _storable(value: Any, max_length: int) -> Any:
    """Refuses, anywhere inside ``value``, text the store or the response could not hold,
    and whole numbers longer than ``max_length`` digits."""
    if isinstance(value, str):
        if "\x00" in value or not _encodable(value):
            raise PydanticCustomError("text_not_allowed", "text holds a forbidden character")
        if len(value) > max_length:
            raise PydanticCustomError("string_too_long", "text too long",
                                      {"max_length": max_length})
    elif isinstance(value, int) and abs(value) >= 10**max_length:
        # no field wants that many digits, and Python writes no int over 4300 digits as text
        raise PydanticCustomError("number_too_large", "number too large")
    elif isinstance(value, list):
        for item in value:
            _storable(item, max_length)
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key, max_length)
            _storable(item, max_length)
    return value


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _text(value: str) -> str:
    return _storable(value, TEXT_MAX)


def _loose(value: Any) -> Any:
    return _storable(value, LOOSE_TEXT_MAX)


def Text(max_length: int = TEXT_MAX) -> Any:
    """A string of at most ``max_length`` characters that the store can hold."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_text)]


def _iso_date(value: Any) -> Any:
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("date_parsing", "not a date written YYYY-MM-DD")
    if not isinstance(value, str | date):
        raise PydanticCustomError("date_type", "not a date")
    return value


def Loose(json_schema: dict) -> Any:
    """Any JSON value, checked by the domain, its texts and numbers bounded as above; the
    document shows ``json_schema``, what the domain accepts."""
    return Annotated[Any, AfterValidator(_loose), WithJsonSchema(json_schema)]


def required_in_document(*names: str) -> ConfigDict:
    """Fields the document marks required while the model lets them be absent, so that
    their absence gets the rule's message (R7: "Choose Monthly or Annual.")."""

    def add(schema: dict[str, Any]) -> None:
        schema["required"] = [*schema.get("required", []),
                              *(n for n in names if n not in schema.get("required", []))]
        for name in names:
            schema["properties"][name].pop("default", None)

    return ConfigDict(json_schema_extra=add)


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
_NUMBER_OR_TEXT = [{"type": "integer"}, {"type": "string", "maxLength": LOOSE_TEXT_MAX}]
Licenses = Loose({"anyOf": _NUMBER_OR_TEXT, "description": "A whole number from 1 to the "
                  "level's max_licenses (R6)."})
Term = Loose({"enum": ["monthly", "annual"]})
CardText = Loose({"anyOf": _NUMBER_OR_TEXT})
Code = Text(40)  # a product or level code (the catalog's columns)
Email = Text(254)  # the longest address SMTP allows
Name = Text(200)
VatNumber = Text(64)
CountryCode = Text(2)
CurrencyCode = Text(3)
Password = Text()
# A row id in a path (/api/orders/{id}, /api/testing/accounts/{id}, ...).
RowId = Annotated[int, Path(ge=1, le=ID_MAX)]
ProductPath = Annotated[str, Path(max_length=40), AfterValidator(_text)]


class SessionIn(BaseModel):
    email: Email
    password: Password


class CartItemIn(BaseModel):
    product: Code
    level: Code | None = None
    licenses: Licenses = 1
    term: Term = None

    model_config = required_in_document("term")


class CartItemPatchIn(BaseModel):
    level: Code | None = None
    licenses: Licenses | None = None
    term: Term | None = None


class CardIn(BaseModel):
    name: Name = ""
    number: CardText = ""
    exp_month: CardText = None
    exp_year: CardText = None
    cvc: CardText = ""

    model_config = required_in_document("name", "number", "exp_month", "exp_year", "cvc")

    def __repr__(self) -> str:  # never show the number or the CVC in logs or tracebacks
        return "CardIn(***)"


class OrderIn(BaseModel):
    card: CardIn | None = None
    use_saved_card: StrictBool = False
    vat_number: VatNumber | None = None


class TrialIn(BaseModel):
    product: Code
    level: Code | None = None
    licenses: Licenses = 1


class ClockIn(BaseModel):
    today: IsoDate | None


class HeldSubscriptionIn(BaseModel):
    product: Code
    level: Code | None = None
    licenses: Licenses = 1
    term: Literal["monthly", "annual"] | None = None
    status: Literal["active", "trialing", "expired"] | None = None
    period_start: IsoDate | None = None


class TestAccountIn(BaseModel):
    kind: Literal["standard", "enterprise"] = "standard"
    country: CountryCode | None = None
    currency: CurrencyCode | None = None
    locale: Literal["en", "fr"] | None = None
    name: Name | None = None
    today: IsoDate | None = None
    billing_day: StrictInt | None = Field(default=None, ge=1, le=31)
    subscriptions: list[HeldSubscriptionIn] = Field(default=[], max_length=LIST_MAX)
    trials_used: list[Code] = Field(default=[], max_length=LIST_MAX)
    cart: list[CartItemIn] = Field(default=[], max_length=LIST_MAX)
    card_on_file: StrictBool = False
    vat_number: VatNumber | None = None
    extra_users: StrictInt = Field(default=0, ge=0, le=50)
