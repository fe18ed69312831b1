"""A labelled input with the line under it where its refusal is written.

Ids: the Input is `#<id>`, its caption `#<id>-label`, its error Static `#<id>-error`
(class `error`, empty when the value is fine).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from tui.widgets.error import ErrorLine, tag_reason


class FormInput(Input):
    """An Input that keeps keys in the order they were typed.

    Textual posts each key to the widget focused when the key is read, but resolves bound
    keys (Tab, Backspace, Delete, the arrows, Enter) only once the key has bubbled up to the
    app, while a printable key is inserted at once. Keys that arrive together (a fast typist,
    a password manager, typing over a slow SSH link, tmux's send-keys) were thus reordered:
    Backspace then "3" inserted the 3 first and then deleted it. So this field runs its own
    bindings while the key is handled, Tab moves the focus at once, and a key that arrives
    once the focus has moved on is sent back to the app, which gives it to the widget
    focused now."""

    MOVES = {"tab": "focus_next", "shift+tab": "focus_previous"}

    async def _on_key(self, event: events.Key) -> None:
        focused = self.app.focused
        if focused is not self and focused is not None:
            self._handled(event)
            self.app.post_message(events.Key(event.key, event.character))
        elif event.key in self.MOVES:
            self._handled(event)
            getattr(self.screen, self.MOVES[event.key])()
        elif action := self._own_action(event):
            self._handled(event)
            await self.run_action(action)

    def _own_action(self, event: events.Key) -> str | None:
        """The action this field binds the key to (a priority binding never gets here)."""
        for key in event.aliases:
            for binding in self._bindings.key_to_bindings.get(key, ()):
                if not binding.priority:
                    return binding.action
        return None

    @staticmethod
    def _handled(event: events.Key) -> None:
        event.prevent_default()
        event.stop()


class AdvancingInput(FormInput):
    """Enter moves on to the next field (at once, like Tab) and still says Submitted."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.app.focused is self:
            self._handled(event)
            self.screen.focus_next()
            self.post_message(self.Submitted(self, self.value))
            return
        await super()._on_key(event)


class Field(Vertical):
    DEFAULT_CSS = """
    Field { height: auto; width: 1fr; }
    Field > .caption { padding: 0 1; color: $text-muted; }
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
        # a Static, not a Label: the same line of text without Label's styles to parse
        yield Static(id=f"{self.input_id}-label", classes="caption", markup=False)
        kind = AdvancingInput if self._advance else FormInput
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
        self.query_one(f"#{self.input_id}-label", Static).update(caption)
        self.input.placeholder = placeholder
        self.input.tooltip = caption

    def set_error(self, message: str, code: str = "validation") -> None:
        """A refusal found by the screen itself (R6's range): a `validation` refusal."""
        line = self.query_one(f"#{self.input_id}-error", Static)
        line.update(message)
        tag_reason(line, code if message else None)
