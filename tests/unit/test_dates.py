"""R10.2: billing periods, month clamping and the billing-day anchor."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.domain.dates import (
    TERM_MONTHS,
    add_days,
    add_months,
    days_inclusive,
    last_billing_date_on_or_before,
    last_day_of_month,
    next_billing_date,
    period_end,
)
from backend.domain.errors import ValidationFailed


def test_r10_2_31_jan_plus_one_month_clamps_to_end_of_february():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_r10_2_29_feb_plus_one_year_is_28_feb():
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)
    assert next_billing_date(date(2028, 2, 29), "annual") == date(2029, 2, 28)


@pytest.mark.parametrize(
    ("year", "feb_end"), [(2027, date(2027, 2, 28)), (2028, date(2028, 2, 29))]
)
def test_r10_2_anchor_31_survives_february(year, feb_end):
    d = date(year, 1, 31)
    seen = []
    for _ in range(4):
        d = next_billing_date(d, "monthly", anchor_day=31)
        seen.append(d)
    assert seen == [feb_end, date(year, 3, 31), date(year, 4, 30), date(year, 5, 31)]


def test_r10_2_without_anchor_the_day_would_drift():
    # Documents why callers pass the anchor: chaining from 28 Feb stays on the 28th.
    assert add_months(date(2027, 2, 28), 1) == date(2027, 3, 28)
    assert add_months(date(2027, 2, 28), 1, anchor_day=31) == date(2027, 3, 31)


def test_r10_2_worked_example_periods():
    today = date(2026, 11, 26)
    assert period_end(today, "annual") == date(2027, 11, 25)
    assert period_end(today, "monthly") == date(2026, 12, 25)
    assert period_end(date(2026, 11, 15), "monthly") == date(2026, 12, 14)


def test_r10_2_period_end_with_anchor_31_in_february():
    assert period_end(date(2027, 2, 28), "monthly", anchor_day=31) == date(2027, 3, 30)


def test_r10_2_add_months_backwards_and_across_years():
    assert add_months(date(2027, 3, 31), -1) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2027, 1, 15), -1) == date(2026, 12, 15)


def test_r10_2_unknown_term_is_refused():
    with pytest.raises(ValidationFailed) as err:
        period_end(date(2027, 1, 1), "weekly")  # type: ignore[arg-type]
    assert err.value.field == "term"


@pytest.mark.parametrize(
    ("today", "billing_day", "expected"),
    [
        (date(2027, 2, 10), 31, date(2027, 1, 31)),
        (date(2027, 2, 28), 31, date(2027, 2, 28)),
        (date(2027, 3, 30), 31, date(2027, 2, 28)),
        (date(2027, 3, 31), 31, date(2027, 3, 31)),
        (date(2027, 1, 5), 26, date(2026, 12, 26)),
        (date(2026, 11, 26), 26, date(2026, 11, 26)),
    ],
)
def test_r10_2_last_billing_date_on_or_before(today, billing_day, expected):
    assert last_billing_date_on_or_before(today, billing_day) == expected


def test_days_inclusive_counts_both_ends_r10_3():
    assert days_inclusive(date(2026, 11, 26), date(2026, 12, 14)) == 19
    assert days_inclusive(date(2026, 11, 15), date(2026, 12, 14)) == 30
    assert days_inclusive(date(2026, 11, 26), date(2026, 11, 26)) == 1
    assert days_inclusive(date(2026, 11, 27), date(2026, 11, 26)) == 0


def test_last_day_of_month():
    assert [last_day_of_month(2028, m) for m in (1, 2, 4)] == [31, 29, 30]
    assert last_day_of_month(2100, 2) == 28


dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31))
terms = st.sampled_from(sorted(TERM_MONTHS))
anchors = st.one_of(st.none(), st.integers(1, 31))


@given(dates, terms, anchors)
def test_r10_2_property_period_end_not_before_start(start, term, anchor):
    end = period_end(start, term, anchor)
    assert end >= start
    assert end + timedelta(days=1) == next_billing_date(start, term, anchor)


@given(dates, st.integers(-240, 240), st.integers(1, 31))
def test_r10_2_property_add_months_clamps_and_keeps_anchor(d, months, anchor):
    result = add_months(d, months, anchor)
    end = last_day_of_month(result.year, result.month)
    assert result.day <= end
    assert result.day == min(anchor, end)
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == months


@given(dates, st.integers(1, 31))
def test_r10_2_property_last_billing_date(today, billing_day):
    last = last_billing_date_on_or_before(today, billing_day)
    assert last <= today
    assert next_billing_date(last, "monthly", billing_day) > today


@pytest.mark.parametrize("compute, later", [
    (lambda: period_end(date(9999, 12, 31), "monthly"), True),
    (lambda: period_end(date(9999, 1, 1), "annual"), True),
    (lambda: add_days(date(9999, 12, 20), 14), True),
    (lambda: add_months(date(1, 1, 15), -1), False),
    (lambda: last_billing_date_on_or_before(date(1, 1, 1), 15), False),
    (lambda: add_days(date(1, 1, 1), -1), False),
])
def test_a_date_past_either_end_of_the_calendar_is_a_validation_error_on_today(compute, later):
    with pytest.raises(ValidationFailed) as err:
        compute()
    assert err.value.field == "today"
    assert ("last" in err.value.params) is later


def test_the_last_representable_period_still_computes():
    assert period_end(date(9999, 11, 30), "monthly") == date(9999, 12, 29)
    assert add_days(date(9999, 12, 30), 1) == date(9999, 12, 31)
