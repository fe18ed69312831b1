"""GET /api/account: the account overview."""

from fastapi import APIRouter

from backend.api.deps import PortalUrl, UoW, Who
from backend.service_layer import browsing
from backend.service_layer.views import AccountOut

router = APIRouter(prefix="/api/account", tags=["account"])


@router.get("", response_model=AccountOut)
def account(uow: UoW, who: Who, portal_url: PortalUrl) -> AccountOut:
    return browsing.account_overview(uow, who, portal_url)
