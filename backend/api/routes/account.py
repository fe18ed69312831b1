"""GET /api/account: the account overview."""

from fastapi import APIRouter

from backend.api.deps import OneHopRoute, Service, Who
from backend.service_layer.views import AccountOut

router = APIRouter(prefix="/api/account", tags=["account"], route_class=OneHopRoute)


@router.get("", response_model=AccountOut)
def account(service: Service, who: Who) -> AccountOut:
    return service.account(who)
