"""The billing-center command: help for every option, a clear error for a bad database."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect

from backend.cli import main


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
