"""Messages: the emails this account received (the trials' welcome emails, R9.3, and the
orders' confirmations, R12.3), newest first.

Widget ids:
- Static#messages-title: "Messages".
- OptionList#message-list: one option per email (option id `message-<n>`, n from 0 for the
  newest), its prompt the date sent and the subject.
- Static#message-subject and Static#message-body: the highlighted email.
- Static#no-messages: shown when there is none.
Keys: up/down choose an email, r reloads, Escape back.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.base import N_, StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar


class MessagesScreen(StepScreen):
    CSS_PATH = "messages.tcss"
    ERROR_ID = "messages-error"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", N_("Reload")),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.emails: list[Any] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="messages-page"):
            yield Static(id="messages-title", classes="title", markup=False)
            yield Static(id="no-messages", classes="note", markup=False)
            yield ErrorLine(id="messages-error")
            with Horizontal(id="messages-panes"):
                yield OptionList(id="message-list")
                with VerticalScroll(id="message-view"):
                    yield Static(id="message-subject", classes="title", markup=False)
                    yield Static(id="message-body", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#message-list").focus()

    def load(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        def loaded(emails: list[Any]) -> None:
            self.emails = sorted(emails, key=lambda e: e.sent_at, reverse=True)
            self.relabel()

        self.call(lambda client: client.messages(), loaded, busy="#messages-panes")

    def relabel(self) -> None:
        t = self.t
        self.query_one("#messages-title", Static).update(t.tr("Messages"))
        empty = self.query_one("#no-messages", Static)
        empty.update(t.tr("No email has been sent to this account yet."))
        empty.display = self.emails == []
        if not self.emails:
            return
        options = self.query_one("#message-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options([
            Option(f"{t.date(email.sent_at.date())}  {email.subject}", id=f"message-{n}")
            for n, email in enumerate(self.emails)])
        options.highlighted = highlighted or 0
        self._show(options.highlighted or 0)

    def _show(self, index: int) -> None:
        email = self.emails[index] if self.emails else None
        if email is None:
            return
        self.query_one("#message-subject", Static).update(email.subject)
        self.query_one("#message-body", Static).update(email.body)

    @on(OptionList.OptionHighlighted, "#message-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show(event.option_index)
