"""`billing-center tui` with no option: the demo database, made on first run, whose account
the sign-in screen shows and fills in; the demo holds a subscription and a card on file."""

from __future__ import annotations

import pytest

from tui import connect
from tui.demo import saved_credentials

pytestmark = pytest.mark.anyio


async def test_the_demo_sign_in_is_shown_filled_in_and_works(open_app, tmp_path):
    folder = tmp_path / "data"
    async with open_app("en", connector=connect.demo(str(folder)),
                        demo_folder=str(folder)) as s:
        await s.on_screen("SignInScreen")
        await s.until(lambda: s.shown("#demo-credentials"), "the demo account")
        demo = saved_credentials(folder)
        assert demo is not None
        assert demo.email in s.text("#demo-credentials")
        assert demo.password in s.text("#demo-credentials")
        assert s.q("#email").value == demo.email
        assert str(folder) in s.text("#where")
        await s.type_into("#password", demo.password)
        await s.press("enter")
        await s.on_screen("DashboardScreen")
        await s.until(lambda: s.row_keys("#subscriptions") == ["gotomeeting"],
                      "the demo's subscription")
        assert "4242" in s.text("#card")
        assert s.shown("#add-subscription")
