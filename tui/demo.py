"""The demo a first `billing-center tui` runs on: a SQLite file in the user's data directory
(platformdirs) holding a demo account, and that account's sign-in kept next to it in a small
JSON file, so every later run shows it on the sign-in screen before the backend is loaded.

`saved_credentials()` is light (the first frame uses it); `prepare_demo()` imports the
backend, migrates the database and makes the account when needed: run it in a worker.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "billing-center"
DATABASE_FILE = "demo.db"
CREDENTIALS_FILE = "demo-account.json"


@dataclass(frozen=True)
class DemoCredentials:
    email: str
    password: str


def data_dir(override: str | os.PathLike | None = None) -> Path:
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def database_url(folder: Path) -> str:
    return f"sqlite:///{folder / DATABASE_FILE}"


def saved_credentials(folder: str | os.PathLike | None = None) -> DemoCredentials | None:
    """The demo sign-in written by an earlier run, if its database is still there."""
    folder = data_dir(folder)
    try:
        if not (folder / DATABASE_FILE).is_file():
            return None
        data = json.loads((folder / CREDENTIALS_FILE).read_text(encoding="utf-8"))
        return DemoCredentials(email=str(data["email"]), password=str(data["password"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _save(folder: Path, credentials: DemoCredentials) -> None:
    path = folder / CREDENTIALS_FILE
    # a demo password only, but still readable by its owner alone
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"email": credentials.email, "password": credentials.password}, out)


def prepare_demo(folder: str | os.PathLike | None = None) -> tuple[str, DemoCredentials]:
    """The demo database's URL and its account's sign-in; the database is created and
    migrated, and the account made, on first use (or when the saved one is gone)."""
    from backend.bootstrap import build
    from backend.service_layer.demo import create_demo_account
    from backend.settings import Settings

    folder = data_dir(folder)
    folder.mkdir(parents=True, exist_ok=True)
    url = database_url(folder)
    saved = saved_credentials(folder)
    backend = build(Settings(database_url=url))
    try:
        if saved is not None:
            with backend.uow() as uow:
                if uow.accounts.user_by_email(saved.email) is None:
                    saved = None
        if saved is None:
            made = create_demo_account(backend)
            saved = DemoCredentials(email=made.email, password=made.password)
            _save(folder, saved)
    finally:
        backend.engine.dispose()
    return url, saved
