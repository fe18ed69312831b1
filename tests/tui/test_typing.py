"""Where the person's keys go: keys that reach the app together (a fast typist, a password
manager, a slow SSH link) are applied in the order they were typed, bound keys (Backspace,
the arrows) included; and a slow call does not lose the focus."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Input

pytestmark = pytest.mark.anyio


def _burst(app, *keys: str) -> None:
    """Posts the keys at once, as the terminal driver does with what one read brought."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_a_backspace_and_a_digit_typed_together_keep_their_order(open_app):
    async with open_app("en") as ui:
        await ui.on_screen("SignInScreen")
        await ui.type_into("#email", "abc")
        _burst(ui.app, "backspace", "x")
        await ui.settle()
        assert ui.q("#email", Input).value == "abx"


async def test_arrows_home_and_typing_together_keep_their_order(open_app):
    async with open_app("en") as ui:
        await ui.on_screen("SignInScreen")
        await ui.type_into("#email", "bc")
        _burst(ui.app, "home", "a", "end", "d", "left", "backspace")
        await ui.settle()
        assert ui.q("#email", Input).value == "abd"


async def test_a_slow_call_gives_the_focus_back_where_the_person_was(open_app, make_account,
                                                                     monkeypatch):
    """A loading indicator hides the tables while a license is assigned, and Textual drops
    the focus of what it hides: once the call is back, the users table has it again."""
    import time

    from tui.clients.embedded import EmbeddedClient

    assign = EmbeddedClient.assign_license

    def slow_assign(self, *args, **kwargs):
        time.sleep(0.3)  # slower than a frame: the indicator is drawn
        return assign(self, *args, **kwargs)

    monkeypatch.setattr(EmbeddedClient, "assign_license", slow_assign)
    account = make_account(extra_users=1, subscriptions=[
        {"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}])
    async with open_app("en") as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.press("u")
        await s.on_screen("UsersScreen")
        await s.until(lambda: s.q("#users").row_count == 2, "the users")
        colleague = account.users[0].email
        s.q("#users").move_cursor(row=s.row_keys("#users").index(colleague))
        s.q("#users").focus()
        await s.press("a")
        await s.until(lambda: "GoToMeeting" in s.cell("#users", colleague, "products"),
                      "the license assigned")
        assert s.app.focused is s.q("#users")
