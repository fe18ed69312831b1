"""/api/testing/: test control, mounted only in test mode and guarded by X-Test-Token."""

from fastapi import APIRouter, Depends

from backend.api.deps import OneHopRoute, Service, require_test_token
from backend.api.schemas import ClockIn, RowId, TestAccountIn
from backend.service_layer.views import (
    ChargeOut,
    ClockOut,
    DeploymentConfigOut,
    EmailOut,
    TestAccountOut,
)

router = APIRouter(prefix="/api/testing", tags=["testing"],
                   dependencies=[Depends(require_test_token)],
                   route_class=OneHopRoute)


@router.post("/accounts", response_model=TestAccountOut, status_code=201)
def create_account(body: TestAccountIn, service: Service) -> TestAccountOut:
    return service.create_test_account(
        kind=body.kind, country=body.country, currency=body.currency, locale=body.locale,
        name=body.name, today=body.today, billing_day=body.billing_day,
        subscriptions=[s.model_dump() for s in body.subscriptions],
        trials_used=body.trials_used, cart=[c.model_dump() for c in body.cart],
        card_on_file=body.card_on_file, vat_number=body.vat_number,
        extra_users=body.extra_users)


@router.put("/accounts/{account_id}/clock", response_model=ClockOut)
def set_clock(account_id: RowId, body: ClockIn, service: Service) -> dict:
    return {"account_id": account_id, "today": service.set_clock(account_id, body.today)}


@router.get("/accounts/{account_id}/emails", response_model=list[EmailOut])
def emails(account_id: RowId, service: Service) -> list[EmailOut]:
    return service.emails(account_id)


@router.get("/accounts/{account_id}/charges", response_model=list[ChargeOut])
def charges(account_id: RowId, service: Service) -> list[ChargeOut]:
    return service.charges(account_id)


@router.get("/config", response_model=DeploymentConfigOut)
def deployment_config(service: Service) -> DeploymentConfigOut:
    """The deployment's settings that scenarios depend on (portal link, seller country)."""
    return service.deployment_config()
