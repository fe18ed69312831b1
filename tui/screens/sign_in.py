"""Step 1, R1: sign in to the Billing Center.

Widget ids:
- Static#title: "Billing Center" / "Centre de facturation".
- Input#email (caption #email-label, refusal #email-error), Input#password (password
  hidden; #password-label, #password-error).
- Button#sign-in: "Sign in" / "Se connecter" (Enter in either field presses it too).
- Static#form-error: a refusal that names no field (wrong email or password: one generic
  message; too many attempts; the Billing Center cannot be reached).
- Static#demo-credentials: the demo account's email and password, when the app runs on its
  demo database (hidden otherwise); its email is then filled in when #email is empty.
- Static#where: what the app talks to (an embedded database, a URL).
- Static#status: "Loading the Billing Center…" until the backend is ready.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, Input, Static

from tui.client import ClientError
from tui.screens.base import L_, BillingScreen
from tui.widgets.error import ErrorLine
from tui.widgets.field import Field
from tui.widgets.key_bar import KeyBar


class SignInScreen(BillingScreen):
    CSS_PATH = "sign_in.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "sign_in", L_("sign_in")),
    ]

    def compose(self) -> ComposeResult:
        # No Header: the form carries the title and what the app talks to, and the first
        # frame is drawn sooner without the widgets it would add.
        with Vertical(id="sign-in-form"):  # centred by the screen's `align`
            yield Static(id="title", markup=False)
            yield Field("email", value=self.app.prefill_email or "", advance=True)
            yield Field("password", password=True)
            yield ErrorLine(id="form-error")
            yield Button(id="sign-in", variant="primary")
            yield Static(id="demo-credentials", markup=False)
            yield Static(id="where", markup=False)
            yield Static(id="status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        # the email first, unless it is known (--email, the demo account): then the password.
        # Decided from the values: a focus() asked for now is only applied later, so
        # has_focus cannot tell yet.
        self._offer_demo_email()
        email = self.query_one("#email", Input)
        self.query_one("#password" if email.value else "#email", Input).focus()

    def _offer_demo_email(self) -> None:
        """On the demo database, its email is filled in (unless something was typed)."""
        email = self.query_one("#email", Input)
        if self.app.demo is not None and not email.value:
            email.value = self.app.demo.email
            if email.has_focus:  # the demo became known after the screen was shown
                self.query_one("#password", Input).focus()

    def relabel(self) -> None:
        t = self.t
        self.query_one("#title", Static).update(t.label("billing_center"))
        self.query_one("#email-field", Field).set_caption(t.tr("Email"), "name@example.com")
        self.query_one("#password-field", Field).set_caption(t.tr("Password"))
        self.query_one("#sign-in", Button).label = t.label("sign_in")
        self._show_status()

    def _show_status(self) -> None:
        t, app = self.t, self.app
        demo = self.query_one("#demo-credentials", Static)
        if app.demo is not None:
            demo.update("\n".join((
                t.tr("Demo account"), t.pair(t.tr("Email"), app.demo.email),
                t.pair(t.tr("Password"), app.demo.password))))
        demo.display = app.demo is not None
        self.query_one("#where", Static).update(app.where_text())
        status = self.query_one("#status", Static)
        status.update("" if app.client is not None else t.tr("Loading the Billing Center…"))
        status.display = app.client is None and not self._failed

    _failed = False

    def connected(self, error: ClientError | None) -> None:
        """The backend finished loading (or could not be used)."""
        self._failed = error is not None
        self._show_status()
        self._offer_demo_email()
        if error is not None:
            self.show_refusal(error)

    def signed_out(self) -> None:
        self.query_one("#password", Input).value = ""
        self.clear_errors()
        self.query_one("#password", Input).focus()

    @on(Input.Submitted, "#password")
    @on(Button.Pressed, "#sign-in")
    def action_sign_in(self) -> None:
        email = self.query_one("#email", Input).value.strip()
        password = self.query_one("#password", Input).value
        button = self.query_one("#sign-in", Button)
        if button.disabled:
            return
        self.clear_errors()
        button.disabled = True

        def done(session) -> None:
            button.disabled = False
            self.app.signed_in(session)

        def refused(err: ClientError) -> None:
            button.disabled = False
            self.show_refusal(err)

        self.call(lambda client: client.sign_in(email, password), done, refused=refused,
                  busy="#sign-in-form")
