"""How the app reaches a Billing Center: a `Connector` is a blocking function, run in a
thread worker after the first frame, that imports the backend (or httpx) and returns a
ready `BillingClient`.

`embedded(url)`, `remote(url)` and `demo()` are the three ways `billing-center tui` offers;
a test or the acceptance driver can pass any function `lang -> Connection` of its own.
Nothing heavy is imported by this module itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.client import BillingClient
    from tui.demo import DemoCredentials


@dataclass
class Connection:
    client: BillingClient
    # the demo account to offer on the sign-in screen, when the app made one
    demo: DemoCredentials | None = None


Connector = Callable[[str], Connection]


def embedded(database_url: str) -> Connector:
    """The in-process backend on a database URL (migrated and given the catalog)."""

    def connect(lang: str) -> Connection:
        from tui.clients.embedded import EmbeddedClient

        return Connection(EmbeddedClient(database_url, lang=lang))

    return connect


def remote(base_url: str) -> Connector:
    """Any deployment over its HTTP contract (api.md)."""

    def connect(lang: str) -> Connection:
        from tui.clients.http import HttpClient

        return Connection(HttpClient(base_url, lang=lang))

    return connect


def demo(data_dir: str | None = None) -> Connector:
    """The demo database in the user's data directory, made and migrated on first use,
    with its demo account."""

    def connect(lang: str) -> Connection:
        from tui.demo import prepare_demo

        database_url, credentials = prepare_demo(data_dir)
        return Connection(embedded(database_url)(lang).client, demo=credentials)

    return connect
