"""A labelled input with the line under it where its refusal is written.

Ids: the Input is `#<id>`, its caption `#<id>-label`, its error Static `#<id>-error`
(class `error`, empty when the value is fine).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from tui.widgets.error import ErrorLine


class AdvancingInput(Input):
    """Enter moves on to the next field at once, while the key is handled: what is typed
    right after Enter (type-ahead, a paste) lands in the next field, not in this one."""

    async def action_submit(self) -> None:
        self.screen.focus_next()
        await super().action_submit()


class Field(Vertical):
    DEFAULT_CSS = """
    Field { height: auto; width: 1fr; }
    Field > Label { padding: 0 1; color: $text-muted; }
    Field > Input.-textual-compact { margin: 0 1; }
    """

    def __init__(self, input_id: str, *, value: str = "", password: bool = False,
                 max_length: int = 0, compact: bool = False, advance: bool = False,
                 classes: str | None = None):
        super().__init__(id=f"{input_id}-field", classes=classes)
        self.input_id = input_id
        self._value = value
        self._password = password
        self._max_length = max_length
        self._compact = compact  # one line, no border: for long forms
        self._advance = advance  # Enter goes to the next field

    def compose(self) -> ComposeResult:
        yield Label(id=f"{self.input_id}-label")
        kind = AdvancingInput if self._advance else Input
        yield kind(value=self._value, password=self._password, id=self.input_id,
                   max_length=self._max_length, compact=self._compact)
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
