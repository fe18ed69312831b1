"""Every screen's style file keeps to its screen: each rule begins with the type of a screen
that names the file in CSS_PATH. All the files are read once the first frame is drawn
(tui/app.py), so a rule by id that escaped its screen would restyle another screen's widget
of the same id (it did: #edit-order, #totals)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from textual.app import App
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

import tui

SCREENS = Path(tui.__file__).parent / "screens"


def _owners() -> dict[str, set[str]]:
    """Style file name -> the screen types that use it."""
    owners: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules([str(SCREENS)]):
        loaded = importlib.import_module(f"tui.screens.{module.name}")
        for value in vars(loaded).values():
            if (isinstance(value, type) and issubclass(value, Screen)
                    and value.__module__ == loaded.__name__ and value.__dict__.get("CSS_PATH")):
                owners.setdefault(value.CSS_PATH, set()).add(value.__name__)
    return owners


OWNERS = _owners()


@pytest.mark.parametrize("path", sorted(SCREENS.glob("*.tcss")), ids=lambda p: p.name)
def test_every_rule_of_a_screen_file_begins_with_its_screen(path: Path):
    assert path.name in OWNERS, f"{path.name} is the CSS_PATH of no screen"
    sheet = Stylesheet(variables=App().get_css_variables())
    sheet.read(path)
    sheet.parse()
    for rule in sheet.rules:
        for selector in rule.selectors.split(", "):
            assert selector.split(" ")[0] in OWNERS[path.name], (
                f"{path.name}: {selector!r} reaches beyond {sorted(OWNERS[path.name])}")
