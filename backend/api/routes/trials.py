"""POST /api/trials: start a free trial (R9)."""

from fastapi import APIRouter

from backend.api.deps import PortalUrl, UoW, Who
from backend.api.schemas import TrialIn
from backend.service_layer import trials
from backend.service_layer.views import TrialOut

router = APIRouter(prefix="/api/trials", tags=["trials"])


@router.post("", response_model=TrialOut, status_code=201)
def start(body: TrialIn, uow: UoW, who: Who, portal_url: PortalUrl) -> TrialOut:
    return trials.start_trial(uow, who, product=body.product, level=body.level,
                              licenses=body.licenses, portal_url=portal_url)
