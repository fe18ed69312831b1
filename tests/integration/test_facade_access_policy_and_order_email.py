"""The facade's sign-in and session checks use the deployment's access policy (R1) and its
portal link (R0.2), and so does its Place Order for an enterprise contact; the order
confirmation greets the contact by name and gives the order's date (R12.3). Found by
mutation testing (docs/mutation.md): the facade was only tested with the default policy and
link, and the email's greeting and date were not read."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from backend.domain.errors import (
    EnterpriseAccount,
    InvalidCredentials,
    NotSignedIn,
    TooManyAttempts,
)
from backend.service_layer.facade import BillingService
from backend.service_layer.inputs import CardInput
from backend.settings import Settings

PORTAL = "https://billing.example/corp"


def strict(app) -> BillingService:
    """A deployment with its own portal link, two failed sign-ins allowed, and sessions
    that end after 5 minutes idle."""
    return BillingService(app.backend.uow, app.gateway, Settings(
        corporate_portal_url=PORTAL, sign_in_max_failures=2,
        session_idle_timeout=timedelta(minutes=5)))


def test_r0_2_signing_in_through_the_facade_shows_enterprise_contacts_its_portal(app):
    service = strict(app)
    acct = app.account(kind="enterprise", country="FR")
    out = service.sign_in(acct.email, acct.password)
    assert out.account.portal_url == PORTAL
    assert service.authenticate(out.token).account_id == acct.account_id


def test_r1_the_facade_refuses_sign_ins_past_the_deployments_limit(app):
    """Two failures allowed: the third attempt is refused even with the right password
    (the default policy allows five)."""
    service = strict(app)
    acct = app.account(country="FR")
    for _attempt in range(2):
        with pytest.raises(InvalidCredentials):
            service.sign_in(acct.email, "wrong")
    with pytest.raises(TooManyAttempts):
        service.sign_in(acct.email, acct.password)
    assert app.backend.service.sign_in(acct.email, acct.password).token  # five by default


def test_r1_the_facade_ends_sessions_by_the_deployments_idle_time(app):
    """Idle 6 minutes: over this deployment's 5, under the default 30."""
    service = strict(app)
    acct = app.account(country="FR")
    token = service.sign_in(acct.email, acct.password).token
    app.clock.advance(minutes=6)
    with pytest.raises(NotSignedIn):
        service.authenticate(token)
    assert app.backend.service.authenticate(token).account_id == acct.account_id


def test_r0_2_placing_an_order_through_the_facade_sends_enterprise_contacts_to_its_portal(app):
    service = strict(app)
    acct = app.account(kind="enterprise", country="FR", cart=[
        {"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}])
    card = CardInput(name="Camille Martin", number="4242 4242 4242 4242", exp_month="12",
                     exp_year="2030", cvc=app.CVC)
    with pytest.raises(EnterpriseAccount) as err:
        service.place_order(acct.who, idempotency_key="enterprise-1", card=card)
    assert err.value.params["portal_url"] == PORTAL


@pytest.mark.parametrize("locale, hello, placed", [
    ("en", "Hello", "Order date: Nov 26, 2026"),
    ("fr", "Bonjour", "Date de commande : 26 nov. 2026"),
])
def test_r12_3_the_confirmation_greets_the_contact_by_name_and_dates_the_order(
        app, locale, hello, placed):
    acct = app.worked_example_account(locale=locale)
    order, _created = app.place(acct.who)
    assert order.placed_on == date(2026, 11, 26)
    [contact] = [r for r in app.rows("users") if r["email"] == acct.email]
    [email] = app.emails(acct)
    lines = email.body.splitlines()
    assert f"{hello} {contact['name']}," in lines
    assert placed in lines
