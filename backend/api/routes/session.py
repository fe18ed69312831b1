"""POST/DELETE /api/session: sign in and out (R1)."""

from fastapi import APIRouter, Request, Response

from backend.api.deps import Access, PortalUrl, UoW, bearer_token
from backend.api.schemas import SessionIn
from backend.service_layer import auth
from backend.service_layer.views import SessionOut

router = APIRouter(prefix="/api/session", tags=["session"])


@router.post("", response_model=SessionOut)
def sign_in(body: SessionIn, uow: UoW, portal_url: PortalUrl, policy: Access) -> SessionOut:
    return auth.sign_in(uow, body.email, body.password, portal_url, policy=policy)


@router.delete("", status_code=204)
def sign_out(request: Request, uow: UoW) -> Response:
    token = bearer_token(request)
    if token:
        auth.sign_out(uow, token)
    return Response(status_code=204)
