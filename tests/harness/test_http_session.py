"""The api driver's HTTP client: what it sends is what the scenario asked for, and what the
deployment answers reaches the scenario as it is (no redirect followed, nothing retried)."""

from __future__ import annotations

import http.server
import json
import socketserver
import threading
from collections.abc import Iterator

import pytest

from steps.drivers.http_session import HttpSession


class _Echo(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: list[dict] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode() if length else None
        _Echo.seen.append({"method": self.command, "path": self.path, "body": body,
                           "port": self.client_address[1],
                           "type": self.headers.get("Content-Type"),
                           "lang": self.headers.get("Accept-Language")})
        if self.path.startswith("/billing/moved"):
            self.send_response(302)
            self.send_header("Location", "/billing/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        answer = json.dumps({"ok": "é"}, ensure_ascii=False).encode()
        self.send_response(503 if self.path.startswith("/billing/down") else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = do_DELETE = _answer  # noqa: N815 - the standard library's names

    def log_message(self, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True


@pytest.fixture()
def session() -> Iterator[HttpSession]:
    _Echo.seen.clear()
    server = _Server(("127.0.0.1", 0), _Echo)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    http = HttpSession(f"http://127.0.0.1:{server.server_address[1]}/billing/",
                       headers={"Accept-Language": "fr"})
    yield http
    http.close()
    server.shutdown()
    server.server_close()


def test_a_json_body_and_a_query_go_under_the_deployments_path(session) -> None:
    answer = session.request("POST", "/api/cart", json_body={"produit": "Réunion"},
                             params={"vat_number": "FR 40 303"})
    assert answer.status_code == 200 and answer.json() == {"ok": "é"}
    assert answer.url == "/billing/api/cart?vat_number=FR+40+303"
    sent = _Echo.seen[-1]
    assert sent["path"] == "/billing/api/cart?vat_number=FR+40+303"
    assert json.loads(sent["body"]) == {"produit": "Réunion"}
    assert sent["type"] == "application/json" and sent["lang"] == "fr"


def test_a_redirect_and_an_error_reach_the_caller_as_answered(session) -> None:
    assert session.get("/moved").status_code == 302
    assert session.request("DELETE", "/down").status_code == 503
    assert [s["path"] for s in _Echo.seen] == ["/billing/moved", "/billing/down"]


def test_the_environments_proxy_carries_the_requests_unless_the_host_is_excluded(
        session, monkeypatch) -> None:
    """The echo server stands for the proxy: it is asked for the deployment's absolute
    address, as a forward proxy is."""
    proxy_port = session._origin.rsplit(":", 1)[1]
    for lower in ("http_proxy", "no_proxy", "all_proxy"):  # they would win over ours
        monkeypatch.delenv(lower, raising=False)
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy_port}")
    monkeypatch.setenv("NO_PROXY", "excluded.example")
    proxied = HttpSession("http://deployment.example:8000/billing")
    assert proxied.get("/api/cart").status_code == 200
    assert _Echo.seen[-1]["path"] == "http://deployment.example:8000/billing/api/cart"
    direct = HttpSession("http://excluded.example:8000")
    assert getattr(direct._http, "proxy", None) is None


def test_a_connection_idle_too_long_is_not_used_again(session) -> None:
    """A server may be closing it (keep-alive timeout) as the request goes out."""
    session.get("/a")
    session.get("/b")
    session._last_used -= 10  # as if ten seconds had passed since
    session.get("/c")
    first, second, third = (s["port"] for s in _Echo.seen)
    assert first == second, "a connection in use is kept"
    assert third != second, "an idle one is replaced"
