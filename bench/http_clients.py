"""CPU spent by the client per request, httpx against urllib3 (the api driver's choice,
steps/drivers/http_session.py), on a local keep-alive server answering a small JSON body.

Run by hand (not a test): python3 bench/http_clients.py [--requests 2000]

Only the asking thread's CPU time is counted (time.thread_time), so the figures hold on a
busy machine too; the server runs in threads of the same process.
"""

from __future__ import annotations

import argparse
import http.server
import json
import socketserver
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from steps.drivers.http_session import HttpSession  # noqa: E402

BODY = json.dumps({"items": [{"code": "g2w", "licenses": 3}] * 20}).encode()


class _Answer(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True


def _per_request_us(call, requests: int) -> float:
    for _ in range(50):
        call()
    started = time.thread_time()
    for _ in range(requests):
        call()
    return (time.thread_time() - started) / requests * 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    requests = parser.parse_args().requests
    server = _Server(("127.0.0.1", 0), _Answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    headers = {"Accept-Language": "en", "Authorization": "Bearer t"}
    with httpx.Client(base_url=base, headers=headers) as client:
        httpx_us = _per_request_us(lambda: client.get("/api/cart").json(), requests)
    session = HttpSession(base, headers=headers)
    urllib3_us = _per_request_us(lambda: session.get("/api/cart").json(), requests)
    session.close()
    server.shutdown()
    print(f"| client | CPU per request |\n|---|---|\n| httpx | {httpx_us:.0f} µs |\n"
          f"| urllib3 (HttpSession) | {urllib3_us:.0f} µs |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
