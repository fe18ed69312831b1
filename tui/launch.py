"""`billing-center tui`: pick the Billing Center to talk to, check it can be reached, then run
the app. A bad address or an unreachable server is one line on stderr and exit status 2,
before any screen is drawn.

Without --db or --url the app runs on its demo database (tui/demo.py); nothing heavy is
imported here for it, so the first frame waits only for Textual.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from tui.text import normalize

PROBE_TIMEOUT = 5.0
USAGE_ERROR = 2


class LaunchProblem(Exception):
    """Why the app cannot start, in one line."""


def language_from_environment(environ: os._Environ | dict[str, str] = os.environ) -> str:
    """The person's language from the POSIX locale variables (LC_ALL, LC_MESSAGES, LANG),
    else English."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        tag = value.split(".")[0].split("@")[0]
        if tag and tag not in ("C", "POSIX"):
            return normalize(tag)
    return "en"


@dataclass
class Target:
    connector: object
    where: str
    demo: object = None


def check_url(url: str) -> str:
    """The deployment's base URL, once it answered its health check (api.md)."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise LaunchProblem(f"{url!r} is not a web address (expected http://host:port)")
    base = url.strip().rstrip("/")
    try:
        with urllib.request.urlopen(f"{base}/api/health", timeout=PROBE_TIMEOUT) as answer:
            body = json.loads(answer.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        raise LaunchProblem(
            f"{base} does not answer as a Billing Center (GET /api/health: {err.code})"
        ) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise LaunchProblem(f"cannot reach {base}: {reason}") from None
    except ValueError:
        raise LaunchProblem(
            f"{base} does not answer as a Billing Center (GET /api/health is not JSON)"
        ) from None
    if not isinstance(body, dict) or body.get("status") != "ok":
        raise LaunchProblem(f"{base} is not ready (GET /api/health: {body!r})")
    return base


def check_database(url: str) -> str:
    """The database URL as shown to people (password hidden), once it could be opened."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    try:
        shown = make_url(url).render_as_string(hide_password=True)
    except Exception:  # unparsable: shown as typed, it holds no usable password
        raise LaunchProblem(f"{url!r} is not a database URL "
                            "(e.g. sqlite:///billing.db, postgresql+psycopg://…)") from None
    try:
        engine = create_engine(url)
        try:
            with engine.connect() as connection:
                connection.execute(text("select 1"))
        finally:
            engine.dispose()
    except Exception as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        raise LaunchProblem(f"cannot use the database {shown}: {reason}") from None
    return shown


def target(db: str | None, url: str | None) -> Target:
    from tui import connect

    if url:
        base = check_url(url)
        return Target(connect.remote(base), where=base)
    if db:
        return Target(connect.embedded(db), where=check_database(db))
    from tui.demo import data_dir, saved_credentials

    folder = data_dir()
    return Target(connect.demo(str(folder)), where=f"demo: {folder}",
                  demo=saved_credentials(folder))


def run(db: str | None = None, url: str | None = None, email: str | None = None,
        lang: str | None = None) -> int:
    try:
        chosen = target(db, url)
    except LaunchProblem as problem:
        print(f"billing-center: {problem}", file=sys.stderr)
        return USAGE_ERROR
    from tui.app import BillingCenterApp

    app = BillingCenterApp(chosen.connector, lang=lang or language_from_environment(),
                           email=email, demo=chosen.demo, where=chosen.where)
    app.run()
    return app.return_code or 0
