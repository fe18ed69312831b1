"""The service facade (`BillingService`): settings bound in once, typed card input, the
Idempotency-Key rule inside the service layer, and the account's messages."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from backend.domain.errors import (
    EnterpriseAccount,
    InvalidCredentials,
    NotBillingContact,
    NotSignedIn,
    ValidationFailed,
)
from backend.i18n import error_message
from backend.service_layer import auth
from backend.service_layer.facade import BillingService
from backend.service_layer.inputs import CardInput
from backend.settings import Settings

GOOD = CardInput(name="Camille Martin", number="4242 4242 4242 4242", exp_month="12",
                 exp_year="2030", cvc="7391")


@pytest.fixture
def service(app) -> BillingService:
    return app.backend.service


def test_bootstrap_binds_the_deployments_settings_into_one_facade(app, service):
    assert service is app.backend.service
    assert service.settings is app.backend.settings
    elsewhere = BillingService(app.backend.uow, app.gateway,
                               Settings(corporate_portal_url="https://billing.example/corp",
                                        seller_country="FR"))
    acct = app.account(kind="enterprise", country="FR")
    with pytest.raises(EnterpriseAccount) as err:
        elsewhere.available_products(acct.who)
    assert err.value.params["portal_url"] == "https://billing.example/corp"
    assert elsewhere.account(acct.who).portal_url == "https://billing.example/corp"


def test_the_seller_country_decides_the_vat_of_an_order(app, service):
    """An IE seller bills a DE business with a valid number under reverse charge; a DE
    seller charges German VAT to the same customer (domestic sale)."""
    spec = {"country": "DE", "vat_number": "DE136695976",
            "cart": [{"product": "logmein-pro", "licenses": 1, "term": "annual"}]}
    irish = service.checkout(app.account(**spec).who)
    german_seller = BillingService(app.backend.uow, app.gateway, Settings(seller_country="DE"))
    german = german_seller.checkout(app.account(**spec).who)
    assert irish.vat.reverse_charge and irish.vat.amount == 0
    assert not german.vat.reverse_charge and german.vat.rate == D("19")


def test_a_session_through_the_facade(app, service):
    acct = app.account()
    session = service.sign_in(acct.email, acct.password)
    who = service.authenticate(session.token)
    assert (who.user_id, who.account_id) == (session.user.id, acct.account_id)
    assert service.account(who).id == acct.account_id
    service.sign_out(session.token)
    with pytest.raises(NotSignedIn):
        service.authenticate(session.token)


def test_the_dummy_hash_is_made_on_first_use_with_the_hasher_in_use(app, service,
                                                                    monkeypatch):
    monkeypatch.setattr(auth, "_dummy", None)
    with pytest.raises(InvalidCredentials):
        service.sign_in("nobody@example.com", "whatever")
    assert auth._dummy is not None and auth._dummy[0] is auth.hasher
    assert auth._dummy[1].startswith("$argon2")


def test_the_cart_label_is_in_the_callers_language_else_the_users(app, service):
    acct = app.account(locale="fr")
    assert service.cart(acct.who).primary_action_label == "Passer la commande"
    assert service.cart(acct.who, "en").primary_action_label == "Place Order"
    added = service.add_to_cart(acct.who, product="logmein-pro", licenses="2", term="monthly")
    assert added.primary_action_label == "Ajouter au panier"
    edited = service.edit_cart_item(acct.who, added.items[0].id, licenses="3", locale="en")
    assert (edited.items[0].licenses, edited.items[0].term) == (3, "monthly")
    assert service.remove_cart_item(acct.who, added.items[0].id).items == []


@pytest.mark.parametrize("key", [None, "", "   ", "k" * 201])
def test_r12_4_an_order_needs_an_idempotency_key_of_at_most_200_characters(app, service, key):
    acct = app.worked_example_account()
    before = app.snapshot()
    with pytest.raises(ValidationFailed) as err:
        service.place_order(acct.who, idempotency_key=key, card=GOOD)
    assert err.value.field == "Idempotency-Key"
    assert "200" in error_message(err.value, "fr")
    assert app.snapshot() == before


def test_r12_4_a_typed_card_places_the_order_once_per_key(app, service):
    acct = app.worked_example_account()
    first = service.place_order(acct.who, idempotency_key="k" * 200, card=GOOD)
    again = service.place_order(acct.who, idempotency_key="k" * 200, card=GOOD)
    assert first.created and not again.created
    assert again.order == first.order and first.order.total_due == D("7178.08")
    assert first.order.card.last4 == "4242"
    assert service.order(acct.who, first.order.id) == first.order
    assert [c.amount for c in service.charges(acct.account_id)] == [D("7178.08")]


def test_a_card_input_never_shows_its_number_or_cvc():
    shown = repr(GOOD) + str(GOOD) + f"{GOOD}"
    assert "4242" not in shown and "7391" not in shown
    assert "Camille Martin" in shown


def test_messages_are_the_accounts_emails_newest_first(app, service):
    acct = app.worked_example_account(extra_users=1)
    assert service.messages(acct.who) == []
    service.start_trial(acct.who, product="gototraining", level="starter")
    service.place_order(acct.who, idempotency_key="m-1", card=GOOD)
    mails = service.messages(acct.who)
    assert [m.kind for m in mails] == ["order_confirmation", "trial_welcome"]
    assert mails == list(reversed(service.emails(acct.account_id)))
    assert all(m.to == acct.email for m in mails)


def test_r0_1_only_a_billing_contact_reads_the_messages(app, service):
    acct = app.worked_example_account(extra_users=1)
    service.start_trial(acct.who, product="gototraining", level="starter")
    with pytest.raises(NotBillingContact) as err:
        service.messages(app.other_user(acct))
    assert err.value.code == "not_billing_contact"
    assert "messages" in error_message(err.value, "fr")


def test_an_enterprise_billing_contact_still_reads_what_the_account_received(app, service):
    acct = app.account(kind="enterprise")
    assert service.messages(acct.who) == []
