"""Where the focus is after a call: a loading cover hides the widgets under it while the
Billing Center answers, and Textual moves the focus off a hidden widget (to nothing, or on
to the next widget, depending on whether a frame was drawn meanwhile). The person's place
under the cover is given back; a focus the cover did not hide is left where it is."""

from __future__ import annotations

import threading
import time

import pytest

from tests.tui.conftest import WAIT

pytestmark = pytest.mark.anyio

HOLDING = [{"product": "gotomeeting", "level": "business", "licenses": 2, "term": "monthly"}]


async def test_the_users_table_keeps_the_focus_through_an_assignment(
        open_app, make_account, monkeypatch):
    account = make_account(country="FR", billing_day=15, subscriptions=HOLDING,
                           extra_users=1)
    async with open_app("en") as s:
        await s.sign_in(account.billing_contact.email, account.billing_contact.password)
        await s.press("u")
        await s.on_screen("UsersScreen")
        await s.until(lambda: s.q("#users").row_count == 2, "the users")
        users = s.q("#users")
        assert s.app.focused is users, s.app.focused  # the screen's first focus
        await s.press("down")
        assert users.cursor_row == 1  # the arrow keys move in the table

        # The assignment is held until frames have been drawn under its cover.
        release = threading.Event()
        assign = s.app.client.assign_license

        def held(*args):
            release.wait(WAIT)
            return assign(*args)

        monkeypatch.setattr(s.app.client, "assign_license", held)
        await s.pilot.press("a")
        deadline = time.monotonic() + WAIT
        while not s.q("#users-tables").loading:  # the call has started
            assert time.monotonic() < deadline, "the assignment's loading cover never showed"
            await s.pilot.pause()
        for _ in range(3):
            await s.pilot.pause()
        assert s.app.focused is not users  # hidden by the cover: Textual moved it off
        release.set()
        colleague = s.row_keys("#users")[1]
        await s.until(lambda: "GoToMeeting" in s.cell("#users", colleague, "products"),
                      "the license assigned")

        assert s.app.focused is users, s.app.focused
        assert users.cursor_row == 1  # on the person's row still
        await s.press("up")
        assert users.cursor_row == 0
