"""The api driver's and test control's HTTP client: one keep-alive connection pool to the
deployment, on urllib3.

An api scenario makes about ten requests, and the client's own work per request is on the
scenario's path: httpx spent about 1.2 ms of CPU on each, urllib3 about half that
(`python3 bench/http_clients.py`). Like httpx's client it follows no
redirect, retries nothing (what the deployment answers is what the scenario sees) and goes
through the proxy the environment names for the deployment's host (HTTP_PROXY, NO_PROXY…)."""

from __future__ import annotations

import json
import time
from typing import Any
from urllib.parse import urlencode, urlsplit
from urllib.request import getproxies, proxy_bypass

import urllib3


class HttpResponse:
    __slots__ = ("content", "method", "request_headers", "status_code", "url")

    def __init__(self, method: str, url: str, request_headers: dict[str, str],
                 status_code: int, content: bytes):
        self.method = method
        self.url = url  # the path and query, as sent
        self.request_headers = request_headers
        self.status_code = status_code
        self.content = content

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)


class HttpSession:
    """A connection left idle longer than `max_idle_s` is not used again: servers close
    idle keep-alive connections (uvicorn after 5 s), and a request sent as the server closes
    its connection is lost with it ("connection reset", "remote end closed"). A busy server
    may even run that close after the request has arrived. Test control's session, idle
    while a web or tui scenario runs, lost 3 requests that way in one loaded run of 592
    scenarios. Retrying would be unsafe for a POST; a fresh connection costs ~0.2 ms."""

    def __init__(self, base_url: str, *, headers: dict[str, str] | None = None,
                 timeout: float = 30.0, max_idle_s: float = 2.0):
        parts = urlsplit(base_url.rstrip("/"))
        self._prefix = parts.path  # a deployment served under a path (/billing)
        self._headers = dict(headers or {})
        self._origin = f"{parts.scheme}://{parts.netloc}"
        options: dict[str, Any] = {"timeout": urllib3.Timeout(total=timeout),
                                   "retries": False, "maxsize": 1, "block": False}
        proxy = None if proxy_bypass(parts.hostname or "") else getproxies().get(parts.scheme)
        self._http = (urllib3.ProxyManager(proxy, num_pools=1, **options) if proxy
                      else urllib3.PoolManager(num_pools=1, **options))
        self._max_idle_s = max_idle_s
        self._last_used = 0.0

    def request(self, method: str, path: str, *, json_body: Any = None,
                params: dict[str, str] | None = None,
                headers: dict[str, str] | None = None) -> HttpResponse:
        url = self._prefix + path + (f"?{urlencode(params)}" if params else "")
        sent = {**self._headers, **(headers or {})}
        body = None
        if json_body is not None:
            body = json.dumps(json_body, ensure_ascii=False).encode()
            sent["Content-Type"] = "application/json"
        if time.monotonic() - self._last_used > self._max_idle_s:
            self._http.clear()  # closes the idle connection: the next one is new
        try:
            answer = self._http.urlopen(method, self._origin + url, body=body, headers=sent,
                                        redirect=False, retries=False, preload_content=True)
        finally:
            self._last_used = time.monotonic()
        return HttpResponse(method, url, sent, answer.status, answer.data)

    def get(self, path: str, *, headers: dict[str, str] | None = None) -> HttpResponse:
        return self.request("GET", path, headers=headers)

    def close(self) -> None:
        self._http.clear()
