"""GET /api/messages: the emails the account received, newest first (a contract addition,
docs/decisions.md); billing contacts only."""

from fastapi import APIRouter

from backend.api.deps import OneHopRoute, Service, Who
from backend.service_layer.views import EmailOut

router = APIRouter(prefix="/api/messages", tags=["messages"], route_class=OneHopRoute)


@router.get("", response_model=list[EmailOut])
def messages(service: Service, who: Who) -> list[EmailOut]:
    return service.messages(who)
