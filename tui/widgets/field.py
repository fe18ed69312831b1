"""A labelled input with the line under it where its refusal is written.

Ids: the Input is `#<id>`, its caption `#<id>-label`, its error Static `#<id>-error`
(class `error`, empty when the value is fine).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.widgets.error import ErrorLine


class Field(Vertical):
    DEFAULT_CSS = """
    Field { height: auto; width: 1fr; }
    Field > Label { padding: 0 1; color: $text-muted; }
    """

    def __init__(self, input_id: str, *, value: str = "", password: bool = False,
                 max_length: int = 0, classes: str | None = None):
        super().__init__(id=f"{input_id}-field", classes=classes)
        self.input_id = input_id
        self._value = value
        self._password = password
        self._max_length = max_length

    def compose(self) -> ComposeResult:
        yield Label(id=f"{self.input_id}-label")
        yield Input(value=self._value, password=self._password, id=self.input_id,
                    max_length=self._max_length)
        yield ErrorLine(id=f"{self.input_id}-error")

    @property
    def input(self) -> Input:
        return self.query_one(f"#{self.input_id}", Input)

    @property
    def value(self) -> str:
        return self.input.value

    def set_caption(self, caption: str, placeholder: str = "") -> None:
        self.query_one(f"#{self.input_id}-label", Label).update(caption)
        self.input.placeholder = placeholder
        self.input.tooltip = caption

    def set_error(self, message: str) -> None:
        self.query_one(f"#{self.input_id}-error", Static).update(message)
