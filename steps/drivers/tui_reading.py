"""Reading a Textual screen as a person reads it: the words of its widgets, and amounts,
dates and countries written for her language turned back into values.

Only what is on screen is read: a widget hidden (`display: none`, `visibility: hidden`)
or a screen below the active one is not. Amounts and dates are parsed with Babel's data
for the person's language, the way she would read them; a value written for another
language does not parse, so a screen in the wrong language fails the scenario.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, OptionList, Static
from textual.widgets._toggle_button import ToggleButton

# Amounts, dates and countries are read as the person's language writes them (shared with
# the web driver); re-exported for the tui driver.
from steps.drivers.reading import (  # noqa: F401
    LOCALES,
    country_code,
    flat,
    parse_date,
    parse_money,
    parse_period,
)
from tui.widgets.key_bar import KeyBar


def plain(value: Any) -> str:
    """The text of a label, cell or renderable (Textual Content, Rich Text, str)."""
    if value is None:
        return ""
    text = getattr(value, "plain", None)
    return text if isinstance(text, str) else str(value)


def shown(widget: Widget) -> bool:
    """Whether the widget and all its ancestors are displayed and visible."""
    node: Any = widget
    while isinstance(node, Widget):
        if not node.display or not node.visible:
            return False
        node = node.parent
    return True


def texts_of(widget: Widget) -> list[str]:
    """What one widget itself writes on the screen (its children aside)."""
    found: list[str] = [plain(widget.border_title), plain(widget.border_subtitle)]
    if isinstance(widget, Button | ToggleButton):
        found.append(plain(widget.label))
    elif isinstance(widget, Input):
        found.append(widget.placeholder if not widget.value else "")
        found.append("" if widget.password else widget.value)
    elif isinstance(widget, DataTable):
        found += [plain(column.label) for column in widget.columns.values()]
        for index in range(widget.row_count):
            found += [plain(cell) for cell in widget.get_row_at(index)]
    elif isinstance(widget, OptionList):
        found += [plain(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    elif isinstance(widget, KeyBar):
        found += widget.descriptions
    elif isinstance(widget, Static):
        found.append(plain(widget.visual))
    return [text for text in found if text.strip()]


def visible_widgets(root: Widget) -> Iterator[Widget]:
    """`root` and its descendants that are on screen, in document order."""
    if not shown(root):
        return
    yield root
    for child in root.children:
        if isinstance(child, Widget):
            yield from visible_widgets(child)


def screen_text(screen: Widget) -> str:
    """Every piece of text the screen shows, one per line."""
    return "\n".join(text for widget in visible_widgets(screen) for text in texts_of(widget))


# --- values written for a person ------------------------------------------------------------


def value_after_caption(text: str) -> str:
    """'Billing day: 15' / 'Jour de facturation : 15' -> '15'."""
    caption, sep, value = text.partition(":")
    if not sep:
        raise ValueError(f"{text!r} has no 'caption: value'")
    return value.strip()
