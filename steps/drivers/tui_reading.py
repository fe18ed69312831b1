"""Reading a Textual screen as a person reads it: the words of its widgets, and amounts,
dates and countries written for her language turned back into values.

Only what is on screen is read: a widget hidden (`display: none`, `visibility: hidden`)
or a screen below the active one is not. Amounts and dates are parsed with Babel's data
for the person's language, the way she would read them; a value written for another
language does not parse, so a screen in the wrong language fails the scenario.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, OptionList, Static
from textual.widgets._footer import FooterKey
from textual.widgets._toggle_button import ToggleButton

# The locale a person of each language reads (what `billing-center tui --lang` means).
LOCALES = {"en": "en_US", "fr": "fr_FR"}

_SPACES = re.compile(r"[\u00a0\u202f\u2009\u2007 ]+")
_NUMBER = re.compile(r"\d[\d\u00a0\u202f\u2009 .,]*\d|\d")


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
    elif isinstance(widget, FooterKey):
        found.append(widget.description)
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


def flat(text: str) -> str:
    return _SPACES.sub(" ", text).replace("\u2212", "-").strip()


def parse_money(text: str, lang: str) -> Decimal:
    """'-20,27 €', '−€20.27', '5 970,00 €' -> Decimal (the currency sign is ignored)."""
    match = _NUMBER.search(text)
    if match is None:
        raise ValueError(f"no amount in {text!r}")
    number = _SPACES.sub("\u202f" if lang == "fr" else "", match.group(0))
    try:
        value = parse_decimal(number, locale=LOCALES[lang], strict=True)
    except NumberFormatError as exc:
        raise ValueError(f"{text!r} is not an amount as {lang} writes it") from exc
    negative = "-" in flat(text[: match.start()])
    return -value if negative else value


def _month_numbers(lang: str) -> dict[str, int]:
    names: dict[str, int] = {}
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, locale=LOCALES[lang]).items():
                names[name.casefold().rstrip(".")] = number
    return names


def parse_date(text: str, lang: str) -> date:
    """'Nov 26, 2026' (en) or '26 nov. 2026' (fr) -> date."""
    months = _month_numbers(lang)
    words = re.findall(r"[^\W\d_]+\.?|\d+", flat(text))
    numbers = [int(w) for w in words if w.isdigit()]
    named = [months[w.casefold().rstrip(".")] for w in words if w.casefold().rstrip(".") in months]
    years = [n for n in numbers if n >= 1000]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(named) != 1 or len(years) != 1 or len(days) != 1:
        raise ValueError(f"{text!r} is not a date as {lang} writes it")
    return date(years[0], named[0], days[0])


def parse_period(text: str, lang: str) -> tuple[date, date]:
    """'Nov 26, 2026 – Nov 25, 2027' -> (start, end)."""
    start, sep, end = flat(text).partition(" – ")
    if not sep:
        raise ValueError(f"{text!r} is not a period 'start – end'")
    return parse_date(start, lang), parse_date(end, lang)


def country_code(name: str, lang: str) -> str:
    """A country named in the person's language ('Allemagne') -> its code ('DE')."""
    wanted = flat(name).casefold()
    for code, territory in Locale.parse(LOCALES[lang]).territories.items():
        if territory.casefold() == wanted and code.isalpha():
            return code
    raise ValueError(f"{name!r} is not a country's name in {lang}")


def value_after_caption(text: str) -> str:
    """'Billing day: 15' / 'Jour de facturation : 15' -> '15'."""
    caption, sep, value = text.partition(":")
    if not sep:
        raise ValueError(f"{text!r} has no 'caption: value'")
    return value.strip()
