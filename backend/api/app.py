"""The FastAPI application: the HTTP contract of api.md over the service layer, under
`/api`, and the web pages (`backend.web`) at `/`."""

from __future__ import annotations

import gc

from fastapi import FastAPI

from backend.api import errors, openapi
from backend.api.routes import (
    account,
    cart,
    catalog,
    checkout,
    messages,
    orders,
    session,
    trials,
    users,
)
from backend.bootstrap import Backend, build


def create_app(backend: Backend) -> FastAPI:
    app = FastAPI(title="Billing Center", version="0.1.0", docs_url="/docs",
                  description="Add a subscription or a free trial to an account.")
    app.state.backend = backend
    errors.install(app)
    openapi.install(app)
    for module in (session, account, catalog, cart, checkout, orders, trials, users, messages):
        app.include_router(module.router)
    if backend.settings.test_token:  # api.md: without test mode these routes do not exist
        from backend.api.routes import testing

        app.include_router(testing.router)

    @app.get("/api/health", tags=["health"])
    async def health() -> dict:
        return {"status": "ok"}

    from backend.web.app import mount_pages

    mount_pages(app, backend)  # the web pages at /, after every API route
    return app


def create_worker_app() -> FastAPI:
    """The app of one `billing-center serve --workers N` process (uvicorn's factory): the
    settings come from the environment, which the command set; the schema and catalog were
    brought up to date before the workers started."""
    from backend.settings import get_settings

    return freeze_heap(create_app(build(get_settings(), migrate=False)))


def freeze_heap(app: FastAPI) -> FastAPI:
    """Before a server process serves: what start-up made (modules, the app, mappers,
    pydantic's validators, the catalog) lives as long as the process, so it is moved out of
    the cyclic collector's sight (gc.freeze). Otherwise every full collection under load
    walks those hundreds of thousands of objects again (~70 ms each, measured in-process)."""
    gc.collect()
    gc.freeze()
    return app
