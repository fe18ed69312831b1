"""The facade hands its deployment's settings and its callers' defaults to every use case
(R0.2, R6, R8.3). Found by mutation testing (docs/mutation.md): the facade's add actions
were tested with the default portal link only, and with a language always given."""

from __future__ import annotations

import pytest

from backend.domain.errors import EnterpriseAccount
from backend.service_layer.facade import BillingService
from backend.settings import Settings

PORTAL = "https://billing.example/corp"
CART = [{"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}]


@pytest.fixture
def elsewhere(app) -> BillingService:
    """A deployment with its own Corporate Billing Portal link."""
    return BillingService(app.backend.uow, app.gateway, Settings(corporate_portal_url=PORTAL))


ADD_ACTIONS = {
    "add_to_cart": lambda s, who: s.add_to_cart(who, product="logmein-pro", term="monthly"),
    "edit_cart_item": lambda s, who: s.edit_cart_item(who, 1, licenses=2),
    "remove_cart_item": lambda s, who: s.remove_cart_item(who, 1),
    "checkout": lambda s, who: s.checkout(who),
    "start_trial": lambda s, who: s.start_trial(who, product="logmein-pro"),
    "assign_license": lambda s, who: s.assign_license(who, 1, "gotowebinar"),
    "unassign_license": lambda s, who: s.unassign_license(who, 1, "gotowebinar"),
}


@pytest.mark.parametrize("action", ADD_ACTIONS)
def test_r0_2_every_add_action_sends_enterprise_contacts_to_this_deployments_portal(
        app, elsewhere, action):
    """R0.2: the link in the refusal is the configured one, whichever action was tried."""
    who = app.account(kind="enterprise", country="FR").who
    with pytest.raises(EnterpriseAccount) as err:
        ADD_ACTIONS[action](elsewhere, who)
    assert err.value.params["portal_url"] == PORTAL


def test_r6_one_license_unless_asked_for_more(app):
    """R6: the license count defaults to 1, in the cart and for a trial."""
    service = app.backend.service
    who = app.account(country="FR").who
    assert service.add_to_cart(who, product="logmein-pro", term="monthly").items[0].licenses == 1
    assert service.start_trial(who, product="gotomeeting", level="business"
                               ).subscription.licenses == 1


@pytest.mark.parametrize("action", ["edit", "remove"])
def test_r8_3_the_cart_speaks_the_users_language_when_no_other_is_asked(app, action):
    """R8.3: the cart's Place Order button is labelled in the signed-in user's language."""
    service = app.backend.service
    who = app.account(country="FR", locale="fr", cart=CART).who
    item = service.cart(who).items[0].id
    out = (service.edit_cart_item(who, item, licenses=2) if action == "edit"
           else service.remove_cart_item(who, item))
    french = service.cart(who, locale="fr").primary_action_label
    assert out.primary_action_label == french != service.cart(who, locale="en"
                                                              ).primary_action_label
