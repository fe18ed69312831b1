"""Free trials (R9): trialing at once, a confirmation and a welcome email."""

from __future__ import annotations

from backend.domain.outbox import TRIAL_WELCOME, OutboxEmail
from backend.emails.render import render_trial_welcome
from backend.service_layer import views
from backend.service_layer.common import Principal, load, subscription_out, today_for
from backend.service_layer.unit_of_work import SqlAlchemyUnitOfWork


def start_trial(uow: SqlAlchemyUnitOfWork, who: Principal, *, product: str, level: str | None,
                licenses: object, portal_url: str) -> views.TrialOut:
    """R9.1-R9.4: no payment, no VAT, cart and billing date untouched; the welcome email is
    written in the same transaction as the trial."""
    with uow.for_write():
        account, user = load(uow, who, lock=True)
        account.ensure_may_add(user, portal_url)
        catalog = uow.catalog.load()
        today = today_for(account, uow)
        sub = account.start_trial(catalog, today, product=product, level=level,
                                  licenses=licenses)
        uow.flush()
        prod = catalog.get(sub.product)
        mail = render_trial_welcome(
            user.locale, contact_name=user.name, product_name=prod.name,
            level_name=prod.resolve_level(sub.level).name, licenses=sub.licenses,
            trial_end=sub.trial_end)
        uow.outbox.add(OutboxEmail(account_id=account.id, to=user.email, subject=mail.subject,
                                   body=mail.body, kind=TRIAL_WELCOME, sent_at=uow.clock.now()))
        out = views.TrialOut(subscription=subscription_out(account, sub, catalog, today),
                             trial_end=sub.trial_end)
        uow.commit()
        return out
