"""A line that says why something was refused; it takes no room while there is nothing to
say. Its text is `str(widget.content)`; the refusal's code is a class `refusal-<code>` on
it (never shown: for styles and for the acceptance suite's tui driver, which must tell a
declined card from a gateway fault as the API's client does)."""

from __future__ import annotations

from textual.visual import VisualType
from textual.widgets import Static


class ErrorLine(Static):
    DEFAULT_CSS = "ErrorLine { color: $error; height: auto; padding: 0 1; }"

    def __init__(self, *, id: str):  # noqa: A002 (Textual's name)
        super().__init__(id=id, classes="error", markup=False)
        self.display = False

    def update(self, content: VisualType = "", *, layout: bool = True) -> None:
        super().update(content, layout=layout)
        self.display = bool(str(content))


REASON_PREFIX = "refusal-"


def tag_reason(line: Static, code: str | None) -> None:
    """Mark `line` with the code of the refusal it shows (None: it shows none)."""
    line.remove_class(*[c for c in line.classes if c.startswith(REASON_PREFIX)])
    if code:
        line.add_class(REASON_PREFIX + code)
