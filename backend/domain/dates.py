"""Calendar arithmetic for billing periods (R10.2).

Month arithmetic clamps to the end of the month. An *anchor day* (the account's billing
day) is remembered separately, so a billing day of 31 gives 28/29 Feb, 31 Mar, 30 Apr,
31 May ... instead of drifting to the 28th after February.

Dates run from 0001-01-01 to 9999-12-31. Arithmetic that would leave that range (a test
clock set to 9999-12-31, then a year's period) is refused as a validation error on the
account's today, the date every period is counted from.
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta
from typing import Literal

from backend.domain.errors import ValidationFailed, _

Term = Literal["monthly", "annual"]
TERM_MONTHS: dict[str, int] = {"monthly": 1, "annual": 12}


def _term_months(term: str) -> int:
    try:
        return TERM_MONTHS[term]
    except KeyError:
        raise ValidationFailed(_("Choose Monthly or Annual."), field="term") from None


def _check_day(anchor_day: int) -> None:
    if not 1 <= anchor_day <= 31:
        raise ValueError(f"anchor/billing day must be 1..31, got {anchor_day}")


def _out_of_range(later: bool) -> ValidationFailed:
    if later:
        return ValidationFailed(_("This would need a date after {last}, the last date the "
                                  "Billing Center can handle."), field="today", last=date.max)
    return ValidationFailed(_("This would need a date before {first}, the first date the "
                              "Billing Center can handle."), field="today", first=date.min)


def add_days(d: date, days: int) -> date:
    """``d`` moved by ``days`` days, refused when that leaves the calendar."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        raise _out_of_range(later=days > 0) from None


def last_day_of_month(y: int, m: int) -> int:
    """Number of the last day of month ``m`` of year ``y`` (28..31)."""
    return calendar.monthrange(y, m)[1]


def add_months(d: date, months: int, anchor_day: int | None = None) -> date:
    """``d`` moved by ``months`` months, landing on ``anchor_day`` (default ``d.day``)
    or on the month's last day when the month is shorter (R10.2)."""
    anchor = d.day if anchor_day is None else anchor_day
    _check_day(anchor)
    y, m0 = divmod(d.year * 12 + (d.month - 1) + months, 12)
    m = m0 + 1
    if not MINYEAR <= y <= MAXYEAR:
        raise _out_of_range(later=y > MAXYEAR)
    return date(y, m, min(anchor, last_day_of_month(y, m)))


def next_billing_date(start: date, term: Term, anchor_day: int | None = None) -> date:
    """First day of the period after the one starting at ``start`` (R10.2)."""
    return add_months(start, _term_months(term), anchor_day)


def period_end(start: date, term: Term, anchor_day: int | None = None) -> date:
    """Last day (inclusive) of the period starting at ``start``: next billing date - 1 day
    (R10.2), e.g. 2026-11-26 annual -> 2027-11-25."""
    return add_days(next_billing_date(start, term, anchor_day), -1)


def last_billing_date_on_or_before(today: date, billing_day: int) -> date:
    """Most recent date on or before ``today`` whose day is ``billing_day`` clamped to
    the month's end (R10.2): day 31, today 2027-02-10 -> 2027-01-31."""
    _check_day(billing_day)
    this_month = date(
        today.year, today.month, min(billing_day, last_day_of_month(today.year, today.month))
    )
    if this_month <= today:
        return this_month
    return add_months(this_month, -1, billing_day)


def days_inclusive(a: date, b: date) -> int:
    """Days from ``a`` to ``b`` counting both ends (R10.3); 0 when ``b`` is before ``a``."""
    return max(0, (b - a).days + 1)
