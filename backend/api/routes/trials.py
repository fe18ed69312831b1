"""POST /api/trials: start a free trial (R9)."""

from fastapi import APIRouter

from backend.api.deps import OneHopRoute, Service, Who
from backend.api.schemas import TrialIn
from backend.service_layer.views import TrialOut

router = APIRouter(prefix="/api/trials", tags=["trials"], route_class=OneHopRoute)


@router.post("", response_model=TrialOut, status_code=201)
def start(body: TrialIn, service: Service, who: Who) -> TrialOut:
    return service.start_trial(who, product=body.product, level=body.level,
                               licenses=body.licenses)
