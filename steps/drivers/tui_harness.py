"""A Textual app under Pilot in a thread of its own, driven from the test's thread.

The scenario's steps are synchronous; Textual is asyncio and keeps the running app in
ContextVars (`active_app`, the message pump...). So the app runs under `App.run_test()` in
a dedicated thread with its own event loop, and every driver call is submitted to that
loop (`asyncio.run_coroutine_threadsafe`) as a task in the app's context, then waited on
with a deadline. Nothing here sleeps for a fixed time: `until()` polls a condition each
time the app goes idle, and gives up at its deadline saying what it waited for.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.message import Message
from textual.message_pump import MessagePump
from textual.pilot import Pilot

T = TypeVar("T")

START_DEADLINE_S = 60.0
CALL_DEADLINE_S = 60.0
# How often a condition is looked at again while the app is busy elsewhere (worker threads
# post their results to the loop, which wakes us); not a pause the driver relies on.
POLL_S = 0.01


class ScreenTimeout(AssertionError):
    """The screen did not reach the awaited state before the deadline."""


class AppThread:
    """One app under `run_test()` in its own thread and event loop."""

    def __init__(self, app: App[Any], *, size: tuple[int, int]):
        self.app = app
        self.size = size
        self.pilot: Pilot[Any] | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name=f"tui-{id(app):x}", daemon=True
        )
        self._context: contextvars.Context | None = None
        self._stop: asyncio.Event | None = None
        self._session: Future[None] | None = None

    # --- lifetime ------------------------------------------------------------------------

    def start(self) -> None:
        self._thread.start()
        ready: Future[None] = Future()
        self._session = asyncio.run_coroutine_threadsafe(self._run(ready), self._loop)
        try:
            ready.result(timeout=START_DEADLINE_S)
        except FutureTimeout:
            self.stop()
            raise ScreenTimeout(f"the app did not start within {START_DEADLINE_S:.0f} s") from None

    async def _run(self, ready: Future[None]) -> None:
        self._stop = asyncio.Event()
        try:
            async with self.app.run_test(size=self.size, notifications=True) as pilot:
                self.pilot = pilot
                # run_test's body runs inside the app's context: every call joins it.
                self._context = contextvars.copy_context()
                ready.set_result(None)
                await self._stop.wait()
        except BaseException as exc:
            if not ready.done():
                ready.set_exception(exc)
            raise

    def stop(self) -> None:
        """Shut the app down cleanly, then its loop and thread."""
        if self._stop is not None and self._session is not None and not self._session.done():
            self._loop.call_soon_threadsafe(self._stop.set)
            try:
                self._session.result(timeout=CALL_DEADLINE_S)
            except Exception:  # noqa: BLE001 (the app's own failure was reported by then)
                pass
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=CALL_DEADLINE_S)
        if not self._loop.is_running():
            self._loop.close()

    @property
    def running(self) -> bool:
        return self._session is not None and not self._session.done()

    # --- calls ---------------------------------------------------------------------------

    def call(self, job: Callable[[], Awaitable[T]], *, deadline: float = CALL_DEADLINE_S) -> T:
        """Run `job()` on the app's loop, in the app's context, and wait for its result."""
        if not self.running or self._context is None:
            raise RuntimeError("the app is not running")
        context = self._context.copy()

        async def in_app_context() -> T:
            task = asyncio.get_running_loop().create_task(_awaited(job), context=context)
            return await task

        future = asyncio.run_coroutine_threadsafe(in_app_context(), self._loop)
        try:
            return future.result(timeout=deadline)
        except FutureTimeout:
            future.cancel()
            raise ScreenTimeout(f"a driver call took more than {deadline:.0f} s") from None

    # --- waiting (coroutines: call them from a job) --------------------------------------

    async def settle(self) -> None:
        """Let the app handle what is queued and repaint (Pilot's wait for the CPU to idle:
        only where a layout must be done before a click lands)."""
        assert self.pilot is not None
        await self.pilot.pause()

    def _pumps(self) -> list[MessagePump]:
        screen = self.app.screen
        return [self.app, *self.app.screen_stack, *screen.walk_children(with_self=False)]

    def _waiting(self) -> list[str]:
        """The messages the app has yet to handle, timers' ticks aside (a blinking cursor
        or a loading indicator ticks for as long as it is shown)."""
        return [
            f"{type(message).__name__} for {type(pump).__name__}"
            for pump in self._pumps()
            for message in list(pump._message_queue.values)  # noqa: SLF001
            if not isinstance(message, events.Timer)
        ]

    async def drained(self, *, deadline: float = 20.0) -> None:
        """Wait until no message of the app and its active screen waits to be handled, on
        three passes of the loop in a row: what was sent has been handled (a worker it
        started may still run: wait for its outcome with `until`). Pilot waits for the CPU
        to idle instead, up to a second a key whenever a worker thread computes."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + deadline
        quiet = 0
        while quiet < 3:
            await asyncio.sleep(0 if quiet else POLL_S / 5)
            waiting = self._waiting()
            quiet = 0 if waiting else quiet + 1
            if waiting and loop.time() > give_up:
                raise ScreenTimeout(
                    f"the app still had messages to handle after {deadline:.0f} s: {waiting[:5]}"
                )

    async def post(self, message: Message) -> None:
        """Deliver one event as the terminal does, and wait until it has been handled."""
        self.app.post_message(message)
        await self.drained()

    async def press(self, *keys: str) -> None:
        """Key presses as the terminal sends them (named as Pilot names them)."""
        for key in keys:
            if len(key) == 1 and not key.isalnum():
                key = _character_to_key(key)
            try:
                import unicodedata

                char: str | None = unicodedata.lookup(
                    _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
                )
            except KeyError:
                char = key if len(key) == 1 else None
            await self.post(events.Key(key, char))

    async def until(
        self, condition: Callable[[], T | None], what: str, *, deadline: float = 20.0
    ) -> T:
        """The first truthy value of `condition()`, looked at again whenever the loop has
        run the app's pending work (worker threads post their outcome to it)."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + deadline
        while True:
            value = condition()
            if value:
                return value
            if loop.time() > give_up:
                raise ScreenTimeout(f"waited {deadline:.0f} s for {what}")
            # not sleep(0): a loop that never sleeps holds the GIL from the worker threads
            await asyncio.sleep(POLL_S)

    def screenshot_svg(self) -> str:
        """The screen as an SVG, taken on the app's loop."""

        async def take() -> str:
            return self.app.export_screenshot()

        return self.call(take, deadline=15.0)


async def _awaited(job: Callable[[], Awaitable[T]]) -> T:
    return await job()
