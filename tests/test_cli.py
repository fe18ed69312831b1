"""The billing-center command: help for every option, a clear error for a bad database,
port or address, and the address announced only once the server really listens."""

from __future__ import annotations

import os
import queue
import secrets
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, inspect

from backend.cli import main

ROOT = Path(__file__).resolve().parents[1]
STARTUP_DEADLINE_S = 60.0
REFUSAL_DEADLINE_S = 60.0  # a refusal is quick; a server that starts instead hits this


def cli_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILLING_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python3 -m backend.cli ARGS` as a user runs it; a server that starts instead of
    refusing is killed at the deadline and the test fails on TimeoutExpired."""
    return subprocess.run([sys.executable, "-m", "backend.cli", *args], cwd=cwd,
                          env=cli_env(), capture_output=True, text=True,
                          timeout=REFUSAL_DEADLINE_S)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_one_clear_line(result: subprocess.CompletedProcess[str], *words: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "Billing Center on" not in result.stdout
    return lines[0]


def test_serve_help_explains_every_option(capsys):
    with pytest.raises(SystemExit) as done:
        main(["serve", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for option in ("--host", "--port", "--db", "--test-token", "--demo", "--log-level"):
        assert option in text


@pytest.mark.parametrize("url, reason", [
    ("nonsense", "Could not parse"),
    ("sqlite:////nonexistent-folder/x.db", "unable to open database file"),
    ("postgresql+psycopg://someone:s3cret@127.0.0.1:1/x", "127.0.0.1"),
])
def test_a_bad_database_is_one_clear_line_without_the_password(capsys, url, reason):
    assert main(["migrate", "--db", url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("billing-center: cannot use the database ")
    assert reason in err and "s3cret" not in err and "Traceback" not in err


def test_migrate_creates_the_schema(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["migrate", "--db", url]) == 0
    tables = set(inspect(create_engine(url)).get_table_names())
    assert {"accounts", "orders", "subscriptions", "alembic_version"} <= tables


@pytest.mark.parametrize("command", ["serve", "migrate"])
def test_an_unsupported_kind_of_database_is_one_clear_line(tmp_path, command):
    port = ["--port", str(free_port())] if command == "serve" else []
    result = run_cli(command, *port, "--db=mysql://u:s3cret@h/db", cwd=tmp_path)
    line = assert_one_clear_line(result, "cannot use the database", "mysql", "not supported")
    assert "s3cret" not in line


@pytest.mark.postgres
def test_a_postgres_schema_that_does_not_exist_is_one_clear_line(tmp_path, postgres_url):
    schema = f"missing_{secrets.token_hex(6)}"
    url = f"{postgres_url}?options=-csearch_path%3D{schema}"
    result = run_cli("serve", "--port", str(free_port()), f"--db={url}", cwd=tmp_path)
    assert_one_clear_line(result, "cannot use the database", schema, "create it first")


@pytest.mark.parametrize("port", ["99999", "65536", "0", "-1"])
def test_a_port_out_of_range_is_refused(tmp_path, port):
    result = run_cli("serve", f"--port={port}", f"--db=sqlite:///{tmp_path / 'x.db'}",
                     cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "argument --port: a port is from 1 to 65535" in result.stderr
    assert "Billing Center on" not in result.stdout


def test_a_port_in_use_is_one_clear_line(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), f"--db=sqlite:///{tmp_path / 'x.db'}",
                         cwd=tmp_path)
    assert_one_clear_line(result, f"cannot listen on 127.0.0.1:{port}", "already in use")


@contextmanager
def serve(tmp_path: Path, port: int, *options: str
          ) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str]]]:
    """`serve --port PORT OPTIONS…` as a child process; its stdout lines arrive on a queue
    as they are printed; stopped on exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "backend.cli", "serve", "--port", str(port), *options,
         "--log-level=warning"],
        cwd=tmp_path, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)
        lines.put("")  # end of output: the server exited

    threading.Thread(target=pump, daemon=True).start()
    try:
        yield process, lines
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture
def serving(tmp_path) -> Iterator[tuple[subprocess.Popen[str], queue.Queue[str]]]:
    """`serve` on a free port, on a SQLite file."""
    with serve(tmp_path, free_port(), f"--db=sqlite:///{tmp_path / 'x.db'}") as served:
        yield served


def test_the_address_is_announced_once_the_server_answers_on_it(serving):
    process, lines = serving
    try:
        line = lines.get(timeout=STARTUP_DEADLINE_S)
    except queue.Empty:
        pytest.fail("serve announced nothing before the deadline")
    assert line.startswith("Billing Center on http://127.0.0.1:"), \
        line + (process.stderr.read() if process.poll() is not None else "")
    base_url = line.split()[3]
    # No retry: the announcement promises the server answers from now on.
    response = httpx.get(f"{base_url}/api/health", timeout=10)
    assert response.status_code == 200


def test_a_plain_postgresql_url_uses_the_installed_driver():
    """SQLAlchemy's default PostgreSQL driver is psycopg2, which the project does not
    install; `postgresql://` means psycopg 3 here."""
    from backend.adapters.database import make_engine

    assert make_engine("postgresql://someone@127.0.0.1/x").dialect.driver == "psycopg"
