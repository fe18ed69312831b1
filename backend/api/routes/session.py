"""POST/DELETE /api/session: sign in and out (R1)."""

from fastapi import APIRouter, Request, Response

from backend.api.deps import OneHopRoute, Service, bearer_token
from backend.api.schemas import SessionIn
from backend.service_layer.views import SessionOut

router = APIRouter(prefix="/api/session", tags=["session"], route_class=OneHopRoute)


@router.post("", response_model=SessionOut)
def sign_in(body: SessionIn, service: Service) -> SessionOut:
    return service.sign_in(body.email, body.password)


@router.delete("", status_code=204)
def sign_out(request: Request, service: Service) -> Response:
    token = bearer_token(request)
    if token:
        service.sign_out(token)
    return Response(status_code=204)
