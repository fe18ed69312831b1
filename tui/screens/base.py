"""What every screen of the app shares: its words in the app's language (re-rendered when the
language changes), footer bindings in that language, and calls to the Billing Center in
thread workers with a loading indicator and refusals shown at their field.

Lifecycle of a screen: `compose()` lays out widgets with stable ids; `relabel()` writes
every word (called once mounted and again whenever the language changes); `load()` starts
the first calls; `returned()` runs when the screen is shown again after a screen above it
closed (to refresh what may have changed there).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.worker import get_current_worker

from tui.client import ClientError
from tui.text import Text
from tui.widgets.error import tag_reason

if TYPE_CHECKING:
    from tui.app import BillingCenterApp
    from tui.client import BillingClient

T = TypeVar("T")

# Fields named by the Billing Center's refusals whose widget id is not the field's own
# name with dots and underscores turned into dashes ("card.exp_month" -> "card-exp-month").
FIELD_ALIASES = {"card.expiry": "card-exp-month"}


def N_(msgid: str) -> str:  # noqa: N802 (gettext's name for "mark, translate later")
    """Marks a binding description as a msgid: it is translated when the footer is drawn."""
    return msgid


def L_(key: str) -> str:  # noqa: N802
    """A binding description that is one of flow.md's labels ("add_subscription")."""
    return LABEL_PREFIX + key


LABEL_PREFIX = "label:"


def describe(t: Text, description: str) -> str:
    if description.startswith(LABEL_PREFIX):
        return t.label(description.removeprefix(LABEL_PREFIX))
    return t.tr(description) if description else description


def localize_bindings(node: Any, t: Text) -> None:
    """Rewrites a node's bindings with their descriptions in `t`'s language; the English
    originals are kept on the node so that it can be rewritten again."""
    originals = getattr(node, "_english_bindings", None)
    if originals is None:
        originals = {key: list(bindings)
                     for key, bindings in node._bindings.key_to_bindings.items()}
        node._english_bindings = originals
    node._bindings.key_to_bindings = {
        key: [replace(b, description=describe(t, b.description)) for b in bindings]
        for key, bindings in originals.items()
    }
    node.refresh_bindings()


def field_widget_id(field: str) -> str:
    return FIELD_ALIASES.get(field, field.replace(".", "-").replace("_", "-"))


class BillingMixin:
    """Shared by full screens and modals (see the module docstring)."""

    # the Static that shows a refusal that names no field (or a field this screen lacks)
    ERROR_ID = "form-error"

    app: BillingCenterApp  # type: ignore[assignment]

    # --- words -------------------------------------------------------------------------

    @property
    def t(self) -> Text:
        return self.app.text

    def relabel(self) -> None:
        """Write every word of the screen in `self.t`'s language."""

    def _localize_bindings(self) -> None:
        """Footer descriptions in the app's language (BINDINGS hold msgids or label keys)."""
        localize_bindings(self, self.t)

    def set_binding_description(self, key: str, description: str) -> None:
        """A footer entry that reads what its button reads (e.g. the primary action)."""
        node: Any = self
        bindings = node._bindings.key_to_bindings
        bindings[key] = [replace(b, description=description) for b in bindings.get(key, [])]
        node.refresh_bindings()

    def _language_changed(self, _lang: str) -> None:
        self._localize_bindings()
        self.relabel()

    def _start(self) -> None:
        node: Any = self
        node.watch(self.app, "language", self._language_changed, init=False)
        self._localize_bindings()
        self.relabel()
        self.load()

    def load(self) -> None:
        """Start the screen's first calls."""

    def returned(self) -> None:
        """The screen is shown again after the one above it closed."""

    def on_screen_resume(self) -> None:
        if getattr(self, "_shown_before", False):
            self.returned()
        self._shown_before = True

    # --- calls to the Billing Center ----------------------------------------------------

    def call(self, job: Callable[[BillingClient], T], done: Callable[[T], None], *,
             busy: Widget | str | None = None,
             refused: Callable[[ClientError], None] | None = None,
             group: str = "call") -> None:
        """Run `job(client)` in a thread worker; then `done(result)` on the UI, or show the
        refusal (`refused`, else at its field). `busy` shows a loading indicator meanwhile.
        A newer call of the same group makes an older one's outcome be ignored."""
        node: Any = self
        app = self.app
        target = node.query_one(busy) if isinstance(busy, str) else busy
        # A loading indicator hides what it covers, and Textual moves the focus off a hidden
        # widget: to nothing, or to the next widget, depending on whether a frame was drawn
        # meanwhile. The person's place under the cover (a row of a table, a field) is
        # given back afterwards; a focus outside the cover was not moved by it and is left
        # alone (a screen may still be placing its first focus while its first call runs).
        had_focus = node.focused if target is not None else None
        if had_focus is not None and not (had_focus is target
                                          or target in had_focus.ancestors):
            had_focus = None
        if target is not None:
            target.loading = True

        def finish(result: Any, error: ClientError | None) -> None:
            if target is not None:
                target.loading = False
            if not node.is_attached:
                return
            if (had_focus is not None and node.focused is not had_focus
                    and had_focus.is_attached and had_focus.focusable):
                had_focus.focus()
            if error is None:
                done(result)
            else:
                (refused or self.show_refusal)(error)

        def work() -> None:
            worker = get_current_worker()
            try:
                outcome, error = job(app.wait_for_client()), None
            except ClientError as err:
                outcome, error = None, err
            except Exception as err:  # a bug must not become a traceback on screen
                app.log.error(f"{job!r} failed: {err!r}")
                outcome, error = None, ClientError(
                    "internal", self.t.tr("Something went wrong: {error}", error=str(err)))
            if not worker.is_cancelled:
                # as a callback of the screen: a bug in `done` fails loudly, like any handler
                app.call_from_thread(node.call_later, finish, outcome, error)

        node.run_worker(work, thread=True, group=group, exclusive=True, exit_on_error=False)

    # --- refusals -----------------------------------------------------------------------

    def error_static(self, field: str | None) -> Static | None:
        node: Any = self
        if field:
            found = node.query(f"#{field_widget_id(field)}-error")
            if found:
                return found.first(Static)
        found = node.query(f"#{self.ERROR_ID}")
        return found.first(Static) if found else None

    def show_refusal(self, err: ClientError) -> None:
        """The refusal's words at its field's `#<field>-error`, else at ERROR_ID. A session
        that ended (expired, or signed out elsewhere, R1) leads back to the sign-in."""
        if err.code == "not_signed_in" and self.app.session is not None:
            self.app.session_ended(err)
            return
        target = self.error_static(err.field)
        if target is None:
            self.app.notify(err.message, severity="error")
            return
        target.update(err.message)
        tag_reason(target, err.code)
        target.display = True
        focus_id = field_widget_id(err.field) if err.field else None
        if focus_id:
            node: Any = self
            field_widget = node.query(f"#{focus_id}")
            if field_widget and field_widget.first().focusable:
                field_widget.first().focus()

    def clear_errors(self) -> None:
        node: Any = self
        for static in node.query(".error"):
            static.update("")
            tag_reason(static, None)


class BillingScreen(BillingMixin, Screen):
    """A full screen of the app."""

    def on_mount(self) -> None:
        self._start()


class BillingModal(BillingMixin, ModalScreen):
    """A modal step (the licenses question)."""

    def on_mount(self) -> None:
        self._start()


class StepScreen(BillingScreen):
    """A screen reached from another: Escape goes back one step, leaving it as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", N_("Back")),
    ]

    def action_back(self) -> None:
        self.app.pop_screen()
