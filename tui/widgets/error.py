"""A line that says why something was refused; it takes no room while there is nothing to
say. Its text is `str(widget.content)`."""

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
