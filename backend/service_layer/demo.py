"""A demo account for trying the product by hand: a French billing contact holding one
monthly subscription, with a card on file and a colleague to assign licenses to."""

from __future__ import annotations

from backend.bootstrap import Backend
from backend.service_layer.views import Credentials


def create_demo_account(backend: Backend) -> Credentials:
    out = backend.service.create_test_account(
        country="FR", locale="fr", billing_day=15, card_on_file=True, extra_users=2,
        subscriptions=[{"product": "gotomeeting", "level": "business", "licenses": 2,
                        "term": "monthly"}])
    return out.billing_contact
