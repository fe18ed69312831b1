"""The facade's catalog, users and test-control doors (api.md's test mode, R14), checked
through the facade itself. Until now only tests/api reached them, through HTTP; the service
layer's mutation run leaves tests/api out (docs/mutation.md), so these are checked here:
every argument reaches the use case, and the catalog is priced in the account's currency."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib.resources import files

from faker import Faker

from backend.service_layer import testing
from backend.service_layer.catalog_data import read_catalog, sync_catalog
from backend.service_layer.facade import BillingService
from backend.settings import Settings
from tests.integration.test_cart_checkout import with_price

D = Decimal
PORTAL = "https://billing.example/corp"


def catalog_file() -> dict:
    return json.loads(files("backend").joinpath("data/catalog.json").read_text("utf-8"))


def test_the_catalog_lists_every_product_and_level_priced_in_the_accounts_currency(app):
    """R5: names, trial days, license limits and both terms' prices, in the account's
    currency (pounds for a British account), in the catalog's order."""
    service = app.backend.service
    who = app.account(country="GB").who
    out = service.catalog(who)
    expected = [
        {"code": p["code"], "name": p["name"], "trial_days": p["trial_days"],
         "levels": [{"code": lv["code"], "name": lv["name"],
                     "max_licenses": lv["max_licenses"],
                     "monthly": D(lv["prices"]["GBP"]["monthly"]),
                     "annual": D(lv["prices"]["GBP"]["annual"])} for lv in p["levels"]]}
        for p in catalog_file()["products"]]
    assert [p.model_dump() for p in out] == expected
    meeting = next(p for p in out if p.code == "gotomeeting")
    assert (meeting.levels[1].code, meeting.levels[1].monthly, meeting.levels[1].annual) == \
        ("business", D("13.60"), D("136.00"))
    euro = service.catalog(app.account(country="FR").who)
    assert next(p for p in euro if p.code == "gotomeeting").levels[1].monthly == D("16.00")


def test_the_users_of_the_account_and_their_licenses(app):
    service = app.backend.service
    acct = app.account(country="FR", extra_users=1, subscriptions=[
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}])
    colleague = app.users(acct.who)[1]
    app.assign(acct.who, colleague.id, "gotomeeting")
    out = service.users(acct.who)
    assert [(u.email, u.is_billing_contact, u.licenses) for u in out] == [
        (acct.email, True, []), (acct.users[0].email, False, ["gotomeeting"])]


def test_r14_the_facade_sets_and_releases_an_accounts_clock(app):
    service = app.backend.service
    acct = app.account(country="FR")
    assert service.set_clock(acct.account_id, date(2027, 1, 5)) == date(2027, 1, 5)
    assert app.overview(acct.who).today == date(2027, 1, 5)
    app.clock.set(date(2026, 12, 1))
    assert service.set_clock(acct.account_id, None) == date(2026, 12, 1)  # the server's date
    assert app.overview(acct.who).today == date(2026, 12, 1)


def test_the_deployment_config_is_the_settings_seller_country_upper_cased(app):
    service = BillingService(app.backend.uow, app.gateway,
                             Settings(corporate_portal_url=PORTAL, seller_country=" fr "))
    out = service.deployment_config()
    assert (out.corporate_portal_url, out.seller_country) == (PORTAL, "FR")
    default = app.backend.service.deployment_config()
    assert (default.corporate_portal_url, default.seller_country) == (
        Settings().corporate_portal_url, "IE")


def test_every_test_account_argument_reaches_the_account(app):
    service = app.backend.service
    made = service.create_test_account(
        country="de", currency="gbp", locale="fr", name="Acme GmbH", today=date(2027, 3, 10),
        billing_day=9, subscriptions=[{"product": "gotomeeting", "level": "business",
                                       "licenses": 2, "term": "annual"}],
        trials_used=["gotowebinar"],
        cart=[{"product": "gototraining", "level": "starter", "licenses": 3,
               "term": "monthly"}],
        card_on_file=True, vat_number="de 136695976", extra_users=2)
    [account] = [r for r in app.rows("accounts") if r["id"] == made.account_id]
    assert {k: account[k] for k in ("name", "kind", "country", "currency", "locale",
                                    "billing_day", "test_today", "vat_number", "card_brand",
                                    "card_last4", "card_exp_month", "card_exp_year")} == {
        "name": "Acme GmbH", "kind": "standard", "country": "DE", "currency": "GBP",
        "locale": "fr", "billing_day": 9, "test_today": date(2027, 3, 10),
        "vat_number": "DE136695976", "card_brand": "visa", "card_last4": "4242",
        "card_exp_month": 12, "card_exp_year": 2030}
    users = [r for r in app.rows("users") if r["account_id"] == made.account_id]
    assert len(users) == 3 and len(made.users) == 2
    assert [u["is_billing_contact"] for u in sorted(users, key=lambda u: u["id"])] == [
        True, False, False]
    assert {u["locale"] for u in users} == {"fr"}
    assert {u["email"] for u in users} == {made.billing_contact.email} | {
        c.email for c in made.users}
    subs = [(r["product"], r["level"], r["licenses"], r["term"], r["period_start"])
            for r in app.rows("subscriptions") if r["account_id"] == made.account_id]
    assert subs == [("gotomeeting", "business", 2, "annual", date(2027, 3, 9))]
    used = {r["product"] for r in app.rows("used_products")
            if r["account_id"] == made.account_id}
    assert used == {"gotomeeting", "gotowebinar"}
    cart = [(r["product"], r["level"], r["licenses"], r["term"])
            for r in app.rows("cart_items") if r["account_id"] == made.account_id]
    assert cart == [("gototraining", "starter", 3, "monthly")]
    who = app.authenticate(app.sign_in(made.billing_contact.email,
                                       made.billing_contact.password).token)
    assert app.overview(who).id == made.account_id
    app.authenticate(app.sign_in(made.users[1].email, made.users[1].password).token)


def test_a_test_account_is_standard_english_and_american_unless_asked(app):
    service = app.backend.service
    made = service.create_test_account(billing_day=3)
    [account] = [r for r in app.rows("accounts") if r["id"] == made.account_id]
    assert (account["kind"], account["country"], account["currency"], account["locale"],
            account["test_today"], account["vat_number"], account["card_last4"]) == (
        "standard", "US", "USD", "en", None, None, None)
    assert made.users == []
    assert [r for r in app.rows("cart_items") if r["account_id"] == made.account_id] == []
    assert [r for r in app.rows("subscriptions") if r["account_id"] == made.account_id] == []
    enterprise = service.create_test_account(kind="enterprise", country="FR")
    [row] = [r for r in app.rows("accounts") if r["id"] == enterprise.account_id]
    assert (row["kind"], row["country"], row["currency"], row["locale"]) == (
        "enterprise", "FR", "EUR", "en")


def test_test_accounts_are_named_by_the_deployments_faker_seed(app, monkeypatch):
    """The facade seeds Faker with the settings' seed: a fresh server makes the same people."""
    monkeypatch.setattr(testing, "_fakers", {})
    service = BillingService(app.backend.uow, app.gateway, Settings(faker_seed=7))
    made = service.create_test_account(billing_day=3)
    fake = Faker("en_US")
    fake.seed_instance(7)
    expected = f"{fake.first_name()} {fake.last_name()}"
    [contact] = [r for r in app.rows("users") if r["email"] == made.billing_contact.email]
    assert contact["name"] == expected


def test_syncing_the_catalog_says_whether_it_changed(app):
    catalog = read_catalog()
    cheaper = with_price(catalog, "gotowebinar", "pro", "EUR", "annual", Decimal("1.00"))
    assert sync_catalog(app.uow(), cheaper) is True
    assert sync_catalog(app.uow(), cheaper) is False
    assert sync_catalog(app.uow(), catalog) is True
