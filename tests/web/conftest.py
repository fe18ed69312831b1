"""The web pages through FastAPI's TestClient: a browser-like client that keeps its cookies,
reads the CSRF token of the page it is on, and parses pages with BeautifulSoup.

One SQLite database per test module (accounts keep tests apart: each has its own clock).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from playwright.sync_api import Browser as Chromium
from playwright.sync_api import sync_playwright

from backend.adapters.database import make_engine
from backend.api.app import create_app
from backend.bootstrap import Backend, build
from backend.settings import Settings

TODAY = date(2026, 11, 26)  # flow.md's worked example


@pytest.fixture(scope="module")
def web_backend(tmp_path_factory) -> Iterator[Backend]:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    engine = make_engine(url)
    yield build(Settings(database_url=url), engine=engine)
    engine.dispose()


@dataclass
class Page:
    status: int
    html: str
    headers: dict
    url: str

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "html.parser")

    def text(self, selector: str) -> str:
        found = self.soup.select_one(selector)
        assert found is not None, f"nothing matches {selector!r} on {self.url}"
        return " ".join(found.get_text(" ").split())

    def texts(self, selector: str) -> list[str]:
        return [" ".join(e.get_text(" ").split()) for e in self.soup.select(selector)]

    @property
    def main(self) -> str:
        return self.text("main")

    @property
    def h1(self) -> str:
        return self.text("h1")

    def buttons(self) -> list[str]:
        return self.texts("main button")

    def alert(self) -> str | None:
        found = self.soup.select_one("#page-alert")
        return " ".join(found.get_text(" ").split()) if found else None

    def field_error(self, key: str) -> str | None:
        found = self.soup.select_one(f'[role=alert][data-field="{key}"]:not([hidden])')
        return " ".join(found.get_text(" ").split()) if found else None

    def csrf(self) -> str:
        match = re.search(r'name="csrf_token" value="([^"]+)"', self.html)
        assert match, f"no form on {self.url}"
        return match.group(1)

    def value(self, name: str) -> str | None:
        found = self.soup.select_one(f'[name="{name}"]')
        return found.get("value") if found else None


class Browser:
    """A person's browser: cookies kept, forms posted with the page's CSRF token."""

    def __init__(self, client: TestClient, lang: str = "en"):
        self.client = client
        self.lang = lang
        self.page: Page | None = None

    def _page(self, response) -> Page:
        self.page = Page(response.status_code, response.text, dict(response.headers),
                         str(response.url))
        return self.page

    def get(self, path: str, **kwargs) -> Page:
        return self._page(self.client.get(path, headers={"accept-language": self.lang},
                                          **kwargs))

    def post(self, path: str, data: dict | None = None, *, csrf: str | None = None,
             follow: bool = True) -> Page:
        """Post a form of the current page (its CSRF token unless `csrf` is given)."""
        token = csrf if csrf is not None else (self.page.csrf() if self.page else "")
        response = self.client.post(path, data={"csrf_token": token, **(data or {})},
                                    headers={"accept-language": self.lang},
                                    follow_redirects=follow)
        return self._page(response)

    def sign_in(self, email: str, password: str) -> Page:
        self.get("/sign-in")
        return self.post("/sign-in", {"email": email, "password": password})


@pytest.fixture(scope="module")
def app(web_backend):
    return create_app(web_backend)


@pytest.fixture
def new_browser(app):
    """`new_browser(lang)`: a fresh browser (its own cookies)."""
    clients = []

    def make(lang: str = "en") -> Browser:
        client = TestClient(app, base_url="http://testserver")
        clients.append(client)
        return Browser(client, lang)

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def visitor(new_browser) -> Browser:
    """A fresh English browser (not `browser`: pytest-playwright owns that name)."""
    return new_browser("en")


@dataclass
class Account:
    id: int
    email: str
    password: str
    users: list


@pytest.fixture
def make_account(web_backend):
    """`make_account(**spec)`: a test account (api.md's test-account spec), today = TODAY."""

    def make(**spec) -> Account:
        spec.setdefault("today", TODAY)
        made = web_backend.service.create_test_account(**spec)
        return Account(made.account_id, made.billing_contact.email,
                       made.billing_contact.password, made.users)

    return make


@pytest.fixture
def signed_in(new_browser, make_account):
    """`signed_in(lang="en", **spec)`: a browser signed in to a new account."""

    def make(lang: str = "en", **spec) -> tuple[Browser, Account]:
        account = make_account(**spec)
        browser = new_browser(lang)
        page = browser.sign_in(account.email, account.password)
        assert page.status == 200 and "/account" in page.url, page.html
        return browser, account

    return make


# --- a real browser on the pages (Debian's chromium, or BILLING_CHROMIUM) -----------------

CHROMIUM = os.environ.get("BILLING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic", "--disable-gpu"]


@pytest.fixture(scope="module")
def pages_url(app) -> Iterator[str]:
    """The pages served by uvicorn on a free port, for the time of the module."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start within 20 s")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM} (apt-get install chromium, or set "
                    "BILLING_CHROMIUM)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
