"""The Account aggregate, rule by rule (R0.1, R0.2, R2-R9, R10.5, R13), on domain objects
built directly: no database, no service layer."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from backend.domain.catalog import TERMS, Catalog, parse_licenses, parse_term
from backend.domain.checkout import apply_quote, build_quote
from backend.domain.errors import (
    AlreadySubscribed,
    EnterpriseAccount,
    NotBillingContact,
    NotFound,
    TrialNotAllowed,
    ValidationFailed,
)
from backend.domain.model import (
    ACTIVE,
    DEFAULT_PORTAL_URL,
    EXPIRED,
    TRIALING,
    Account,
    Subscription,
    User,
)
from backend.service_layer.catalog_data import read_catalog

TODAY = date(2026, 11, 26)
CATALOG: Catalog = read_catalog()


def make_account(*, kind: str = "standard", billing_contact: bool = True,
                 country: str = "FR", currency: str = "EUR", billing_day: int = 15,
                 users: int = 0) -> tuple[Account, User]:
    account = Account(name="Acme", kind=kind, country=country, currency=currency,
                      locale="en", billing_day=billing_day)
    contact = User(email="contact@example.com", name="Camille", password_hash="x",
                   is_billing_contact=billing_contact, id=1)
    account.users.append(contact)
    for i in range(users):
        account.users.append(User(email=f"user{i}@example.com", name=f"User {i}",
                                  password_hash="x", id=10 + i))
    return account, contact


def active(product: str, level: str, licenses: int = 1, term: str = "monthly",
           start: date = date(2026, 11, 15), end: date = date(2026, 12, 14),
           paid: str = "16.00") -> Subscription:
    return Subscription(product=product, level=level, licenses=licenses, term=term,
                        status=ACTIVE, period_start=start, period_end=end,
                        amount_paid=Decimal(paid))


def offers(account: Account, today: date = TODAY) -> dict:
    return {o.product.code: o for o in account.offers(CATALOG, today)}


# --- R0.1 / R0.2 who may do it ----------------------------------------------------------------
def test_r0_1_billing_contact_of_standard_account_may_add():
    account, contact = make_account()
    account.ensure_may_add(contact)
    assert account.may_add(contact)


def test_r0_1_other_user_is_refused_and_offered_nothing():
    account, _contact = make_account(users=1)
    other = account.users[1]
    assert not account.may_add(other)
    with pytest.raises(NotBillingContact) as err:
        account.ensure_may_add(other)
    assert err.value.code == "not_billing_contact"


def test_r0_1_only_billing_contacts_read_orders_and_users():
    account, contact = make_account(users=1)
    account.ensure_may_read_billing(contact)
    with pytest.raises(NotBillingContact) as err:
        account.ensure_may_read_billing(account.users[1])
    assert str(err.value) == "Only a billing contact of this account can see its orders and users."
    _elsewhere, stranger = make_account()
    with pytest.raises(NotBillingContact):
        account.ensure_may_read_billing(stranger)
    enterprise, its_contact = make_account(kind="enterprise")
    enterprise.ensure_may_read_billing(its_contact)  # reading is not adding (R0.2)


def test_r0_1_billing_contact_of_another_account_is_refused():
    account, _ = make_account()
    _elsewhere, stranger = make_account()
    with pytest.raises(NotBillingContact):
        account.ensure_may_add(stranger)


def test_r0_2_enterprise_contact_is_sent_to_the_corporate_portal():
    account, contact = make_account(kind="enterprise")
    assert not account.may_add(contact)
    with pytest.raises(EnterpriseAccount) as err:
        account.ensure_may_add(contact)
    assert err.value.code == "enterprise_account"
    assert err.value.params["portal_url"] == DEFAULT_PORTAL_URL
    assert DEFAULT_PORTAL_URL == "https://link.logmeininc.com/corp-billing"
    assert DEFAULT_PORTAL_URL in str(err.value)


def test_r0_2_portal_link_is_configurable():
    account, contact = make_account(kind="enterprise")
    with pytest.raises(EnterpriseAccount) as err:
        account.ensure_may_add(contact, "https://portal.example/corp")
    assert "https://portal.example/corp" in str(err.value)


# --- R2 / R4 what is offered ------------------------------------------------------------------
def test_r2_lists_every_product_not_held_active():
    account, _ = make_account()
    account.subscriptions.append(active("gotomeeting", "business"))
    listed = offers(account)
    assert "gotomeeting" not in listed
    assert set(listed) == {p.code for p in CATALOG.products} - {"gotomeeting"}
    assert all(o.can_buy for o in listed.values())


def test_r2_r9_6_trialing_product_is_listed_buy_only():
    account, _ = make_account()
    account.start_trial(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=2)
    listed = offers(account)
    assert listed["gotowebinar"].can_buy and not listed["gotowebinar"].can_try


def test_r4_try_only_for_products_with_a_trial_never_had():
    account, _ = make_account()
    listed = offers(account)
    assert listed["gotowebinar"].can_try
    assert listed["logmein-pro"].can_try
    assert not listed["gotoconnect"].can_try  # no trial in the catalog
    assert listed["gotoconnect"].can_buy


def test_r4_no_try_after_an_earlier_trial_or_subscription():
    account, _ = make_account()
    account.remember_product("gotowebinar")  # an earlier trial, long gone
    assert not offers(account)["gotowebinar"].can_try
    assert offers(account)["gototraining"].can_try


# --- R3 / R5 / R6 / R7 choosing ---------------------------------------------------------------
def test_r3_one_product_at_a_time_each_cart_item_is_one_product():
    account, _ = make_account()
    first = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro",
                                licenses=3, term="annual")
    second = account.put_in_cart(CATALOG, TODAY, product="logmein-pro", level=None,
                                 licenses=1, term="monthly")
    assert first is not second
    assert [i.product for i in account.cart_items] == ["gotowebinar", "logmein-pro"]


def test_r5_one_level_product_takes_its_level_silently():
    product = CATALOG.get("logmein-pro")
    assert not product.has_level_choice
    assert product.resolve_level(None).code == "pro"
    account, _ = make_account()
    item = account.put_in_cart(CATALOG, TODAY, product="logmein-rescue", level=None,
                               licenses=1, term="monthly")
    assert item.level == "standard"


def test_r5_several_levels_need_a_choice():
    product = CATALOG.get("gotowebinar")
    assert product.has_level_choice
    with pytest.raises(ValidationFailed) as err:
        product.resolve_level(None)
    assert err.value.field == "level"
    with pytest.raises(ValidationFailed) as err:
        product.resolve_level("platinum")
    assert err.value.field == "level"
    assert product.resolve_level("lite").max_licenses == 25


@pytest.mark.parametrize("raw, expected", [(1, 1), ("1", 1), (25, 25), (" 7 ", 7)])
def test_r6_whole_numbers_from_1_to_the_max_are_accepted(raw, expected):
    assert parse_licenses(raw, 25) == expected


@pytest.mark.parametrize("raw", [0, 26, -1, "2.5", "abc", 2.5, True, False, None, "", "-1",
                                 "1e1", "²", "٣"])
def test_r6_anything_else_is_refused_naming_the_range(raw):
    with pytest.raises(ValidationFailed) as err:
        parse_licenses(raw, 25)
    assert err.value.field == "licenses"
    assert err.value.params["max"] == 25
    assert "1 to 25" in str(err.value)


def test_r6_the_levels_maximum_applies_in_the_cart():
    account, _ = make_account()
    with pytest.raises(ValidationFailed) as err:
        account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="lite",
                            licenses=26, term="monthly")
    assert err.value.params["max"] == 25
    assert not account.cart_items
    item = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="lite",
                               licenses=25, term="monthly")
    assert item.licenses == 25


@pytest.mark.parametrize("term", TERMS)
def test_r7_buying_is_monthly_or_annual(term):
    assert parse_term(term) == term


@pytest.mark.parametrize("term", [None, "", "weekly", "Monthly", 1])
def test_r7_a_purchase_needs_a_term(term):
    with pytest.raises(ValidationFailed) as err:
        parse_term(term)
    assert err.value.field == "term"


def test_r7_a_trial_has_no_term():
    account, _ = make_account()
    sub = account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business",
                              licenses=3)
    assert sub.term is None


# --- R8 the cart ------------------------------------------------------------------------------
def test_r8_2_empty_cart_offers_place_order():
    account, _ = make_account()
    assert account.primary_action == "place_order"


def test_r8_3_items_in_cart_offer_add_to_cart():
    account, _ = make_account()
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                        term="annual")
    assert account.primary_action == "add_to_cart"


def test_r8_4_choosing_a_product_again_edits_its_item():
    account, _ = make_account()
    first = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro",
                                licenses=3, term="annual")
    again = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="lite",
                                licenses=5, term="monthly")
    assert again is first
    assert len(account.cart_items) == 1
    assert (first.level, first.licenses, first.term) == ("lite", 5, "monthly")


def test_r8_4_a_refused_edit_leaves_the_item_as_it_was():
    account, _ = make_account()
    item = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro",
                               licenses=3, term="annual")
    with pytest.raises(ValidationFailed):
        account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro",
                            licenses=0, term="annual")
    assert (item.level, item.licenses, item.term) == ("pro", 3, "annual")


def test_r2_a_product_held_active_cannot_go_in_the_cart():
    account, _ = make_account()
    account.subscriptions.append(active("gotomeeting", "business"))
    with pytest.raises(AlreadySubscribed):
        account.put_in_cart(CATALOG, TODAY, product="gotomeeting", level="business",
                            licenses=1, term="monthly")
    assert not account.cart_items


def test_unknown_product_is_refused_at_the_product_field():
    account, _ = make_account()
    with pytest.raises(ValidationFailed) as err:
        account.put_in_cart(CATALOG, TODAY, product="gotonowhere", level=None, licenses=1,
                            term="monthly")
    assert err.value.field == "product"


# --- R10.5 Edit Order -------------------------------------------------------------------------
def test_r10_5_edit_order_changes_level_licenses_term_and_removes():
    account, _ = make_account()
    item = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro",
                               licenses=3, term="annual")
    item.id = 7
    account.edit_cart_item(CATALOG, 7, licenses="4")
    assert (item.level, item.licenses, item.term) == ("pro", 4, "annual")
    account.edit_cart_item(CATALOG, 7, level="standard", term="monthly")
    assert (item.level, item.licenses, item.term) == ("standard", 4, "monthly")
    with pytest.raises(ValidationFailed):  # standard allows 50 licenses at most (R6)
        account.edit_cart_item(CATALOG, 7, licenses=51)
    assert item.licenses == 4
    account.remove_cart_item(7)
    assert account.cart_items == []
    with pytest.raises(NotFound):
        account.remove_cart_item(7)


def test_r10_5_edit_to_a_level_with_a_lower_cap_checks_the_licenses():
    account, _ = make_account()
    item = account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro",
                               licenses=40, term="annual")
    item.id = 1
    with pytest.raises(ValidationFailed) as err:
        account.edit_cart_item(CATALOG, 1, level="lite")
    assert err.value.field == "licenses"
    assert item.level == "pro"


# --- R9 trials --------------------------------------------------------------------------------
def test_r9_1_trial_starts_today_for_the_products_trial_days():
    account, _ = make_account(billing_day=15)
    account.put_in_cart(CATALOG, TODAY, product="logmein-pro", level=None, licenses=1,
                        term="monthly")
    sub = account.start_trial(CATALOG, TODAY, product="gotowebinar", level="pro",
                              licenses=2)
    assert sub.status == TRIALING == sub.status_on(TODAY)
    assert sub.period_start == TODAY
    assert sub.trial_end == TODAY + timedelta(days=7)
    assert sub.amount_paid == Decimal("0.00")
    assert account.billing_day == 15
    assert [i.product for i in account.cart_items] == ["logmein-pro"]


def test_r9_4_a_second_trial_of_a_product_is_refused():
    account, _ = make_account()
    account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business", licenses=1)
    with pytest.raises(TrialNotAllowed) as err:
        account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business",
                            licenses=1)
    assert err.value.code == "trial_not_allowed"
    assert len(account.subscriptions) == 1


def test_r9_4_no_trial_of_a_product_ever_subscribed():
    account, _ = make_account()
    account.subscriptions.append(active("gotomeeting", "business"))
    with pytest.raises(TrialNotAllowed):
        account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business",
                            licenses=1)
    account.remember_product("gototraining")  # subscribed once, long ago
    with pytest.raises(TrialNotAllowed):
        account.start_trial(CATALOG, TODAY, product="gototraining", level="pro", licenses=1)


def test_r9_4_no_trial_of_a_product_without_one():
    account, _ = make_account()
    with pytest.raises(TrialNotAllowed):
        account.start_trial(CATALOG, TODAY, product="gotoconnect", level="basic", licenses=1)
    assert account.subscriptions == []


def test_r9_5_buying_a_trialing_product_makes_it_the_paid_subscription():
    account, _ = make_account()
    trial = account.start_trial(CATALOG, TODAY - timedelta(days=3), product="gotowebinar",
                                level="lite", licenses=1)
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                        term="annual")
    quote = build_quote(account, CATALOG, TODAY, valid_vat_number=None, seller_country="IE")
    assert [ln.kind for ln in quote.lines] == ["new"]  # the trial is not credited
    apply_quote(account, quote)
    assert account.subscriptions == [trial]  # the same product row, converted
    assert trial.status == ACTIVE and trial.trial_end is None
    assert (trial.level, trial.licenses, trial.term) == ("pro", 3, "annual")
    assert trial.period_start == TODAY
    assert trial.amount_paid == Decimal("5970.00")


def test_r9_6_trial_expires_when_the_clock_passes_its_end():
    account, _ = make_account()
    sub = account.start_trial(CATALOG, TODAY, product="gotowebinar", level="pro",
                              licenses=1)
    assert sub.status_on(sub.trial_end) == TRIALING  # the last trial day still has access
    after = sub.trial_end + timedelta(days=1)
    assert sub.status_on(after) == EXPIRED
    assert sub.next_billing_date(after) is None  # nothing charged
    offer = offers(account, after)["gotowebinar"]
    assert offer.can_buy and not offer.can_try


def test_r0_3_placed_order_is_active_at_once():
    account, _ = make_account()
    account.put_in_cart(CATALOG, TODAY, product="gotowebinar", level="pro", licenses=3,
                        term="annual")
    apply_quote(account, build_quote(account, CATALOG, TODAY, valid_vat_number=None,
                                     seller_country="IE"))
    sub = account.subscription("gotowebinar")
    assert sub.status_on(TODAY) == ACTIVE and sub.period_start == TODAY
    assert account.cart_items == []


# --- R13 licenses -----------------------------------------------------------------------------
def test_r13_assign_up_to_the_count_and_no_further():
    account, contact = make_account(users=3)
    account.subscriptions.append(active("gotomeeting", "business", licenses=2))
    account.assign_license(contact.id, "gotomeeting", TODAY)
    account.assign_license(10, "gotomeeting", TODAY)
    assert account.assigned_count("gotomeeting") == 2
    with pytest.raises(ValidationFailed) as err:
        account.assign_license(11, "gotomeeting", TODAY)
    assert err.value.field == "product"
    assert account.assigned_count("gotomeeting") == 2


def test_r13_a_user_holds_at_most_one_license_of_a_product():
    account, contact = make_account()
    account.subscriptions.append(active("gotomeeting", "business", licenses=5))
    account.assign_license(contact.id, "gotomeeting", TODAY)
    account.assign_license(contact.id, "gotomeeting", TODAY)
    assert account.assigned_count("gotomeeting") == 1
    assert account.licenses_of(contact.id) == ["gotomeeting"]


def test_r13_unassign_frees_the_license():
    account, contact = make_account(users=1)
    account.subscriptions.append(active("gotomeeting", "business", licenses=1))
    account.assign_license(contact.id, "gotomeeting", TODAY)
    account.unassign_license(contact.id, "gotomeeting")
    assert account.licenses_of(contact.id) == []
    account.assign_license(10, "gotomeeting", TODAY)
    assert account.licenses_of(10) == ["gotomeeting"]


def test_r13_nothing_to_assign_without_a_subscription_or_after_the_trial():
    account, contact = make_account()
    with pytest.raises(ValidationFailed):
        account.assign_license(contact.id, "gotomeeting", TODAY)
    sub = account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business",
                              licenses=1)
    account.assign_license(contact.id, "gotomeeting", TODAY)  # a trial can be used
    with pytest.raises(ValidationFailed):
        account.assign_license(contact.id, "gototraining", TODAY)
    account.unassign_license(contact.id, "gotomeeting")
    with pytest.raises(ValidationFailed):  # R9.6: an expired trial gives no access
        account.assign_license(contact.id, "gotomeeting", sub.trial_end + timedelta(days=1))


def test_r13_unknown_user_is_refused():
    account, _ = make_account()
    account.subscriptions.append(active("gotomeeting", "business", licenses=1))
    with pytest.raises(NotFound):
        account.assign_license(999, "gotomeeting", TODAY)


def test_r13_buying_a_trialing_product_must_cover_its_assigned_licenses():
    """R9.5 keeps the trial's assignments, so a purchase below them is refused at the field
    (in the cart, and again on the Place Order page if more were assigned since)."""
    account, contact = make_account(users=2)
    account.start_trial(CATALOG, TODAY, product="gotomeeting", level="business", licenses=3)
    for user_id in (contact.id, 10, 11):
        account.assign_license(user_id, "gotomeeting", TODAY)
    with pytest.raises(ValidationFailed) as err:
        account.put_in_cart(CATALOG, TODAY, product="gotomeeting", level="business",
                            licenses=2, term="monthly")
    assert err.value.field == "licenses" and err.value.params["assigned"] == 3
    assert account.cart_items == []
    item = account.put_in_cart(CATALOG, TODAY, product="gotomeeting", level="business",
                               licenses=3, term="monthly")
    with pytest.raises(ValidationFailed):
        account.edit_cart_item(CATALOG, item.id, licenses=1)
    account.unassign_license(11, "gotomeeting")
    item.licenses = 2
    account.assign_license(11, "gotomeeting", TODAY)  # assigned again after the cart item
    with pytest.raises(ValidationFailed):
        build_quote(account, CATALOG, TODAY, valid_vat_number=None, seller_country="IE")
