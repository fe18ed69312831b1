"""What every page's routes share: the service, the signed-in person, and refusals as the
pages show them."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import RedirectResponse

from backend.api.errors import STATUS
from backend.domain.errors import DomainError
from backend.i18n import error_message
from backend.service_layer.common import Principal
from backend.service_layer.facade import BillingService
from backend.web.rendering import page_locale
from backend.web.security import session_token

# The domain's field names -> the field keys of the pages (ids `<key>-error`).
FIELDS = {
    "card.name": "card_name", "card.number": "card_number", "card.exp_month": "card_expiry",
    "card.exp_year": "card_expiry", "card.expiry": "card_expiry", "card.cvc": "card_cvc",
}


@dataclass(frozen=True)
class Refusal:
    """A refusal as a page shows it: at a field (`field` set) or for the whole page."""

    code: str
    message: str
    field: str | None = None
    link: str | None = None  # the Corporate Billing Portal (R0.2)
    status: int = 400


def service(request: Request) -> BillingService:
    return request.app.state.backend.service


def current_user(request: Request) -> Principal:
    """The signed-in person; `NotSignedIn` (sent to the sign-in page) otherwise."""
    who = service(request).authenticate(session_token(request) or None)
    request.state.user_locale = who.locale
    request.state.signed_in = True
    return who


def refusal(request: Request, err: DomainError, *, at_fields: tuple[str, ...] = ()) -> Refusal:
    """`err` in the page's language; kept at its field when the page shows that field."""
    field = FIELDS.get(err.field or "", err.field)
    link = err.params.get("portal_url") if err.code == "enterprise_account" else None
    return Refusal(code=err.code, message=error_message(err, page_locale(request)),
                   field=field if field in at_fields else None,
                   link=str(link) if link else None, status=STATUS.get(err.code, 400))


def see_other(url: str) -> RedirectResponse:
    """Post/Redirect/Get: after a form post, the page is fetched again by GET, so reload
    and Back never post twice."""
    return RedirectResponse(url, status_code=303)
