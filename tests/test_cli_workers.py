"""`billing-center serve --workers N`: several server processes on one port, for PostgreSQL
deployments. SQLite is refused in one line (its write queue holds within one process only),
a count out of range is refused by the parser, and on PostgreSQL the workers serve, each
with its share of the connection pool."""

from __future__ import annotations

import secrets

import httpx
import pytest

from backend.adapters.database import POOL_BUDGET, make_engine, pool_options
from backend.cli import main
from tests.test_cli import (
    STARTUP_DEADLINE_S,
    assert_one_clear_line,
    free_port,
    run_cli,
    serve,
)


def test_serve_help_explains_workers(capsys):
    with pytest.raises(SystemExit) as done:
        main(["serve", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert "--workers" in text and "PostgreSQL" in text


def test_several_workers_on_sqlite_are_one_clear_line(tmp_path):
    result = run_cli("serve", "--port", str(free_port()), "--workers", "2",
                     f"--db=sqlite:///{tmp_path / 'x.db'}", cwd=tmp_path)
    line = assert_one_clear_line(result, "--workers 2", "PostgreSQL", "SQLite", "one worker")
    assert line.startswith("billing-center: ")
    assert not (tmp_path / "x.db").exists()  # refused before anything was made


def test_one_worker_on_sqlite_is_the_default_and_allowed(capsys):
    from backend.cli import _parser

    assert _parser().parse_args(["serve"]).workers == 1
    assert _parser().parse_args(["serve", "--workers", "1"]).workers == 1


@pytest.mark.parametrize("workers", ["0", "-2", "65", "two", "1.5"])
def test_a_worker_count_out_of_range_is_refused(tmp_path, workers):
    result = run_cli("serve", f"--workers={workers}", f"--db=sqlite:///{tmp_path / 'x.db'}",
                     cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "argument --workers:" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Billing Center on" not in result.stdout


@pytest.mark.parametrize("workers", [1, 2, 3, 4, 8])
def test_the_workers_share_the_connection_budget(workers):
    options = pool_options(workers)
    assert options["pool_size"] >= 4
    if workers <= 8:
        assert workers * (options["pool_size"] + options["max_overflow"]) <= POOL_BUDGET


def test_a_postgresql_engine_gets_its_share_of_the_pool():
    engine = make_engine("postgresql+psycopg://someone@127.0.0.1:1/x", workers=2)  # no connect
    assert engine.pool.size() == pool_options(2)["pool_size"]


@pytest.mark.postgres
def test_workers_serve_postgresql(tmp_path, postgres_url, postgres_admin):
    schema = f"w_{secrets.token_hex(6)}"
    with postgres_admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = f"{postgres_url}?options=-csearch_path%3D{schema}"
    port = free_port()
    try:
        with serve(tmp_path, port, f"--db={url}", "--workers", "2") as (process, lines):
            line = lines.get(timeout=STARTUP_DEADLINE_S)
            assert line.startswith(f"Billing Center on http://127.0.0.1:{port}"), \
                line + (process.stderr.read() if process.poll() is not None else "")
            assert "2 workers" in line
            for _ in range(10):  # whichever worker takes it, each answers
                response = httpx.get(f"http://127.0.0.1:{port}/api/catalog", timeout=10)
                assert response.status_code == 401  # served, and refused for want of a session
    finally:
        with postgres_admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
