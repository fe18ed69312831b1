"""`billing-center tui`: its help, one clear line and exit 2 for a bad address or an
unreachable server, the language from the environment, the demo database and its saved
sign-in, and a first frame that does not wait for the backend."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from threading import Thread

import pytest

from billing_center.cli import main
from tui.demo import CREDENTIALS_FILE, DATABASE_FILE, prepare_demo, saved_credentials
from tui.launch import language_from_environment

ROOT = Path(__file__).resolve().parents[2]


def test_help_explains_every_option(capsys):
    with pytest.raises(SystemExit) as done:
        main(["tui", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for option in ("--db", "--url", "--email", "--lang", "demo"):
        assert option in text


def test_db_and_url_are_one_or_the_other(capsys):
    with pytest.raises(SystemExit) as done:
        main(["tui", "--db", "sqlite://", "--url", "http://127.0.0.1:1"])
    assert done.value.code == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("args, expected", [
    (["--url", "nonsense"], "'nonsense' is not a web address"),
    (["--url", "ftp://example.com"], "is not a web address"),
    (["--db", "nonsense"], "is not a database URL"),
    (["--db", "sqlite:////nonexistent-folder/x.db"], "cannot use the database"),
])
def test_a_bad_address_is_one_clear_line_and_exit_2(capsys, args, expected):
    assert main(["tui", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("billing-center: ") and expected in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_an_unreachable_server_is_one_clear_line_and_exit_2(capsys):
    url = f"http://127.0.0.1:{_free_port()}"
    assert main(["tui", "--url", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"billing-center: cannot reach {url}: ")
    assert err.count("\n") == 1


def test_a_server_that_is_not_a_billing_center_is_said_so(capsys):
    class NotFound(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), NotFound)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        assert main(["tui", "--url", url]) == 2
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert "does not answer as a Billing Center (GET /api/health: 404)" in err


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LC_MESSAGES": "fr_BE", "LANG": "C"}, "fr"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_language_comes_from_the_locale(environ, expected):
    assert language_from_environment(environ) == expected


def test_the_demo_database_is_made_once_and_its_sign_in_kept_next_to_it(tmp_path):
    assert saved_credentials(tmp_path) is None
    url, first = prepare_demo(tmp_path)
    assert url == f"sqlite:///{tmp_path / DATABASE_FILE}"
    assert (tmp_path / DATABASE_FILE).is_file()
    assert json.loads((tmp_path / CREDENTIALS_FILE).read_text()) == {
        "email": first.email, "password": first.password}
    assert (tmp_path / CREDENTIALS_FILE).stat().st_mode & 0o077 == 0  # owner only
    assert saved_credentials(tmp_path) == first
    _, again = prepare_demo(tmp_path)  # a later run: the same account
    assert again == first
    (tmp_path / DATABASE_FILE).unlink()  # the database is gone: the old sign-in is too
    assert saved_credentials(tmp_path) is None
    _, fresh = prepare_demo(tmp_path)
    assert fresh.email != first.email


def test_the_first_frame_needs_neither_the_backend_nor_httpx():
    """The command, the app module and the sign-in screen load without SQLAlchemy, FastAPI,
    pydantic or httpx (imported in a worker after the first frame), without package metadata
    (the command's parts are named, not discovered) and, in English, without Babel's
    core, formatting and catalogs (imported on first use; usual locale tags are read
    without it)."""
    code = (
        "import sys\n"
        "import billing_center.cli, tui.app, tui.launch, tui.screens.sign_in\n"
        "import tui.screens.dashboard\n"
        "from tui.launch import language_from_environment\n"
        "from tui.text import Text\n"
        "language_from_environment({'LANG': 'fr_FR.UTF-8'})\n"
        "Text('en').label('sign_in'), Text('en').tr('demo: {folder}', folder='/tmp')\n"
        "heavy = [m for m in ('sqlalchemy', 'fastapi', 'pydantic', 'httpx', 'alembic',\n"
        "                     'importlib.metadata', 'babel', 'babel.dates', 'babel.numbers',\n"
        "                     'babel.support', 'babel.messages')\n"
        "         if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


_COLLECTOR_AFTER_CONNECTING = """
import asyncio, gc, sys
from tui import connect
from tui.app import BillingCenterApp

if sys.argv[2] == "command":
    gc.disable()  # as `billing-center tui` does until the first frame

first_frame = []
read_styles = BillingCenterApp._read_screen_styles
def after_first_frame(app):  # runs right after the first frame's freeze
    first_frame.append(gc.get_freeze_count())
    read_styles(app)
BillingCenterApp._read_screen_styles = after_first_frame

async def main():
    app = BillingCenterApp(connect.embedded(sys.argv[1]))
    async with app.run_test():
        # the connecting worker sets this event once the client is published (or failed)
        await asyncio.to_thread(app._connected.wait, 30)
        assert app.client is not None, "never connected"
        print(gc.isenabled(), first_frame[0], gc.get_freeze_count())

asyncio.run(main())
"""


@pytest.mark.parametrize("how", ["command", "embedding"])
def test_the_backend_is_frozen_out_of_the_collectors_sight_once_loaded(tmp_path, how):
    """Run as `billing-center tui`, the app freezes what the backend's import made once it
    is connected (full collections would walk it all while the person types); run by
    another program (the tui driver), it leaves that program's collector alone."""
    done = subprocess.run(
        [sys.executable, "-c", _COLLECTOR_AFTER_CONNECTING,
         f"sqlite:///{tmp_path / 'app.db'}", how],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    enabled, at_first_frame, connected = done.stdout.split()[-3:]
    assert enabled == "True"
    if how == "command":
        # the backend's modules (SQLAlchemy, pydantic, FastAPI...) are tens of thousands
        assert int(connected) > int(at_first_frame) + 30_000
    else:
        assert (int(at_first_frame), int(connected)) == (0, 0)
