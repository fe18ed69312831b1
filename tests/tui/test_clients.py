"""The TUI's two clients (`tui/client.py`): the article's journey through each, the same
views from both, refusals in the person's language, and one clear sentence when the other
end is not a Billing Center.

The HTTP client talks to a real `python3 -m backend.cli serve` in test mode (started as the
acceptance harness starts it); the embedded client opens that server's own SQLite file, so
both see the same accounts. Accounts are made through test control, over HTTP.
"""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal as D
from pathlib import Path

import httpx
import pytest

from backend.domain.errors import CardDeclined, NotBillingContact
from backend.i18n import error_message, label
from fixtures.deployment import EmbeddedServer
from tui.client import BillingClient, CardInput, ClientError, ConnectionProblem
from tui.clients.embedded import EmbeddedClient
from tui.clients.http import HttpClient

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 26)  # the worked example's today (flow.md)
GOOD = CardInput(name="Camille Martin", number="4242 4242 4242 4242", exp_month="12",
                 exp_year="2030", cvc="7391")
DECLINED = CardInput(name="Camille Martin", number="4000 0000 0000 0002", exp_month="12",
                     exp_year="2030", cvc="7391")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    running = EmbeddedServer(tmp_path_factory.mktemp("tui-clients"), ROOT)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def database_url(server: EmbeddedServer) -> str:
    return f"sqlite:///{server.workdir / 'billing-center.db'}"


@pytest.fixture
def make_account(server: EmbeddedServer) -> Callable[..., dict]:
    def make(**spec) -> dict:
        spec.setdefault("today", TODAY.isoformat())
        response = httpx.post(f"{server.base_url}/api/testing/accounts", json=spec,
                              headers={"X-Test-Token": server.token}, timeout=60)
        assert response.status_code == 201, response.text
        return response.json()
    return make


def worked_example(make_account, lang: str, **spec) -> dict:
    """flow.md's worked example: FR, billing day 15, GoToMeeting Business monthly x2 held,
    a colleague to assign licenses to."""
    spec.setdefault("cart", [])
    return make_account(country="FR", locale=lang, billing_day=15, extra_users=1,
                        subscriptions=[{"product": "gotomeeting", "level": "business",
                                        "licenses": 2, "term": "monthly"}], **spec)


@pytest.fixture
def open_client(server: EmbeddedServer) -> Iterator[Callable[[str, str], BillingClient]]:
    opened: list[BillingClient] = []

    def open_(kind: str, lang: str) -> BillingClient:
        client = (EmbeddedClient(database_url(server), lang) if kind == "embedded"
                  else HttpClient(server.base_url, lang))
        opened.append(client)
        return client

    yield open_
    for client in opened:
        client.close()


def refusal(attempt: Callable[[], object]) -> ClientError:
    with pytest.raises(ClientError) as err:
        attempt()
    return err.value


# --- the journey, through each client -----------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", ["embedded", "http"])
def test_the_articles_journey(kind, lang, open_client, make_account):
    made = worked_example(make_account, lang)
    client = open_client(kind, lang)
    assert client.lang == lang and client.describe()

    # step 1: sign in
    contact = made["billing_contact"]
    session = client.sign_in(contact["email"], contact["password"])
    assert session.account.id == made["account_id"] and session.user.is_billing_contact

    # steps 2 to 5: the dashboard and what may be added
    account = client.account()
    assert [s.product for s in account.subscriptions] == ["gotomeeting"]
    assert account.can_add_subscription and account.today == TODAY and account.cart_count == 0
    assert {p.code for p in client.catalog()} >= {"gotomeeting", "gotowebinar"}
    offers = {p.code: p for p in client.available_products()}
    assert "gotomeeting" not in offers  # R2: held active
    assert offers["gotowebinar"].can_buy and offers["gototraining"].can_try

    # steps 6 to 8: the cart, licenses as typed
    cart = client.add_to_cart("gotowebinar", "pro", "2", "monthly")
    assert [(i.product, i.licenses, i.term) for i in cart.items] == [
        ("gotowebinar", 2, "monthly")]
    assert cart.primary_action_label == label("add_to_cart", lang)  # R8.3
    cart = client.edit_cart_item(cart.items[0].id, licenses="3", term="annual")
    assert [(i.licenses, i.term, i.level) for i in cart.items] == [(3, "annual", "pro")]
    too_many = refusal(lambda: client.edit_cart_item(cart.items[0].id, licenses="100000"))
    assert (too_many.code, too_many.field) == ("validation", "licenses")

    # steps 9 and 10: the Place Order page with the worked example's figures (R10)
    page = client.checkout()
    assert [ln.kind for ln in page.lines] == ["new", "credit", "renewal"]
    assert [ln.amount for ln in page.lines] == [D("5970.00"), D("-20.27"), D("32.00")]
    assert (page.subtotal, page.vat.rate, page.vat.amount, page.total_due) == (
        D("5981.73"), D("20"), D("1196.35"), D("7178.08"))

    # R11.4: a declined card, refused in the person's language; nothing placed
    declined = refusal(lambda: client.place_order(
        idempotency_key=str(uuid.uuid4()), card=DECLINED, use_saved_card=False,
        vat_number=None))
    assert declined.code == "card_declined"
    assert declined.message == error_message(CardDeclined(), lang)
    if lang == "fr":
        assert declined.message != error_message(CardDeclined(), "en")
    assert client.cart().items  # R11.5: the cart is intact

    # the order, with a card (R11, R12)
    order = client.place_order(idempotency_key=str(uuid.uuid4()), card=GOOD,
                               use_saved_card=False, vat_number=None)
    assert (order.total_due, order.currency, order.card.last4) == (D("7178.08"), "EUR", "4242")
    assert order.activated == ["gotowebinar"] and order.licenses_to_assign
    assert (order.billing_day, order.next_billing_date) == (26, date(2026, 12, 26))
    assert client.order(order.id) == order
    assert client.cart().items == [] and client.account().card.last4 == "4242"

    # a trial (R9)
    trial = client.start_trial("gototraining", "starter", "5")
    assert trial.subscription.status == "trialing"
    assert trial.trial_end == TODAY + timedelta(days=7)

    # step 11: Manage user products (R13)
    users = client.users()
    colleague = next(u for u in users if not u.is_billing_contact)
    assigned = client.assign_license(colleague.id, "gotowebinar")
    assert next(u for u in assigned if u.id == colleague.id).licenses == ["gotowebinar"]
    unassigned = client.unassign_license(colleague.id, "gotowebinar")
    assert next(u for u in unassigned if u.id == colleague.id).licenses == []

    # the Messages screen: newest first
    assert [m.kind for m in client.messages()] == ["trial_welcome", "order_confirmation"]

    # sign out: the session is gone
    client.sign_out()
    assert refusal(client.account).code == "not_signed_in"


# --- the same views from both clients -----------------------------------------------------
def test_both_clients_return_equal_views_of_one_account(open_client, make_account):
    made = worked_example(make_account, "fr", cart=[
        {"product": "gotowebinar", "level": "pro", "licenses": 3, "term": "annual"}])
    contact = made["billing_contact"]
    embedded, remote = open_client("embedded", "fr"), open_client("http", "fr")
    first = embedded.sign_in(contact["email"], contact["password"])
    second = remote.sign_in(contact["email"], contact["password"])
    assert (first.user, first.account) == (second.user, second.account)

    def same(read: Callable[[BillingClient], object]) -> object:
        seen = read(embedded)
        assert seen == read(remote)
        return seen

    same(lambda c: c.account())
    same(lambda c: c.catalog())
    same(lambda c: c.available_products())
    assert same(lambda c: c.cart()).primary_action_label == "Ajouter au panier"
    assert same(lambda c: c.checkout()).total_due == D("7178.08")
    order = remote.place_order(idempotency_key=str(uuid.uuid4()), card=GOOD,
                               use_saved_card=False, vat_number=None)
    assert same(lambda c: c.order(order.id)) == order
    same(lambda c: c.account())
    same(lambda c: c.users())
    assert [m.kind for m in same(lambda c: c.messages())] == ["order_confirmation"]


def test_both_clients_refuse_alike(open_client, make_account):
    """The same refusal, with its field and the portal link, whichever way in."""
    enterprise = make_account(kind="enterprise", locale="fr", extra_users=1)
    colleague = enterprise["users"][0]
    for kind in ("embedded", "http"):
        client = open_client(kind, "fr")
        client.sign_in(enterprise["billing_contact"]["email"],
                       enterprise["billing_contact"]["password"])
        portal = refusal(client.available_products)
        assert portal.code == "enterprise_account" and portal.portal_url
        assert portal.portal_url in portal.message
        assert client.messages() == []  # reading is not adding (docs/decisions.md)
        no_key = refusal(lambda c=client: c.place_order(
            idempotency_key="", card=GOOD, use_saved_card=False, vat_number=None))
        assert (no_key.code, no_key.field) == ("validation", "Idempotency-Key")

        other = open_client(kind, "fr")
        other.sign_in(colleague["email"], colleague["password"])
        not_contact = refusal(other.messages)
        assert not_contact.code == "not_billing_contact"
        assert not_contact.message == error_message(NotBillingContact(
            "Only a billing contact of this account can read its messages."), "fr")
        wrong = refusal(lambda c=client: c.sign_in(colleague["email"], "not-the-password"))
        assert wrong.code == "invalid_credentials"


def test_nothing_is_answered_before_signing_in(open_client):
    for kind in ("embedded", "http"):
        assert refusal(open_client(kind, "en").account).code == "not_signed_in"


# --- the HTTP client at the contract's edges ----------------------------------------------
def mock_client(handler: Callable[[httpx.Request], httpx.Response], lang: str = "en"):
    return HttpClient("http://billing.example", lang,
                      http=httpx.Client(transport=httpx.MockTransport(handler)))


def test_the_http_client_sends_language_token_and_idempotency_key():
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(402, json={"error": {"code": "card_declined",
                                                    "message": "Carte refusée.",
                                                    "field": None}})

    client = mock_client(answer, "fr")
    client._token = "a-token"
    declined = refusal(lambda: client.place_order(idempotency_key="key-1", card=GOOD,
                                                  use_saved_card=False, vat_number=None))
    assert (declined.code, declined.message) == ("card_declined", "Carte refusée.")
    [request] = seen
    assert request.headers["accept-language"] == "fr"
    assert request.headers["authorization"] == "Bearer a-token"
    assert request.headers["idempotency-key"] == "key-1"
    assert b"4242424242424242" in request.content.replace(b" ", b"")


def test_a_refusal_carries_its_field_portal_link_and_retry_after():
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "30"}, json={"error": {
            "code": "too_many_attempts", "message": "Wait.", "field": "email",
            "portal_url": "https://portal.example"}})

    err = refusal(lambda: mock_client(answer).sign_in("a@example.com", "x"))
    assert (err.code, err.field, err.retry_after, err.portal_url) == (
        "too_many_attempts", "email", 30, "https://portal.example")
    assert not isinstance(err, ConnectionProblem)


def one_line(problem: ConnectionProblem) -> str:
    assert problem.code == "unreachable" and "\n" not in problem.message
    return problem.message


@pytest.mark.parametrize("status, body", [
    (200, "<html>a wiki</html>"),                 # not JSON
    (200, '{"status": "ok"}'),                    # JSON, not the account's shape
    (404, "<html>Not Found</html>"),              # an error outside the contract
    (500, '{"detail": "boom"}'),
])
def test_an_answer_outside_the_contract_is_a_connection_problem(status, body):
    client = mock_client(lambda request: httpx.Response(status, text=body))
    with pytest.raises(ConnectionProblem) as err:
        client.account()
    assert "does not answer as a Billing Center" in one_line(err.value)
    assert "GET /api/account" in err.value.message


def test_check_says_in_one_line_what_is_at_the_url(server):
    HttpClient(server.base_url).check()  # a Billing Center: no complaint
    with pytest.raises(ConnectionProblem) as err:
        mock_client(lambda request: httpx.Response(200, text="<html>hi</html>")).check()
    assert "http://billing.example does not answer as a Billing Center" in one_line(err.value)

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ConnectionProblem) as err:
        HttpClient(f"http://127.0.0.1:{port}", "fr").check()
    assert one_line(err.value).startswith(f"Impossible de joindre http://127.0.0.1:{port}")


def test_a_timeout_and_a_bad_url_are_one_sentence_too():
    def too_slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    with pytest.raises(ConnectionProblem) as err:
        mock_client(too_slow).check()
    assert "did not answer in time" in one_line(err.value)
    for url in ("localhost:8000", "ftp://example.com", "http://", "not a url"):
        with pytest.raises(ConnectionProblem) as err:
            HttpClient(url)
        assert "is not a web address" in one_line(err.value)


# --- the embedded client's own edges ------------------------------------------------------
def test_a_database_that_cannot_be_opened_is_one_sentence(tmp_path):
    newer = tmp_path / "newer.db"  # migrated by a later version than this one
    with sqlite3.connect(newer) as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    for url in (f"sqlite:///{tmp_path / 'missing' / 'folder' / 'x.db'}",
                "nosuchdriver://user:secret@host/db", f"sqlite:///{newer}"):
        with pytest.raises(ConnectionProblem) as err:
            EmbeddedClient(url, "en")
        message = one_line(err.value)
        assert message.startswith("Cannot use the database") and "secret" not in message


# --- the TUI starts light -----------------------------------------------------------------
HEAVY = ("sqlalchemy", "fastapi", "pydantic", "httpx", "starlette", "alembic", "argon2",
         "babel", "faker")


def test_importing_the_protocol_pulls_in_nothing_heavy():
    """The TUI imports `tui.client` before its first frame; the implementations (backend,
    httpx) are imported later, in a worker."""
    probe = (
        "import sys, tui.client\n"
        "from backend.service_layer.inputs import CardInput\n"
        "assert tui.client.CardInput is CardInput\n"
        f"heavy = {HEAVY!r}\n"
        "light = {'backend', 'backend.service_layer', 'backend.service_layer.inputs'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy\n"
        "             or (m.split('.')[0] == 'backend' and m not in light)))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
