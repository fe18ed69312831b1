"""`KeyBar`: the screen's keys and what they do, on the bottom line, as Textual's Footer shows
them (compact), the command palette's key at the right end.

It is one widget whose text is rewritten when the screen's bindings change. Textual's Footer
mounts a widget per key and recomposes them all whenever the bindings are refreshed (every
focus change): that was a fifth of the app's time in the acceptance suite. A click on a key
presses it, as on the Footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class ShownKey:
    key: str  # the binding's key, pressed when clicked
    display: str  # how the key is written ("^p", "esc", "b")
    description: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--separator"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--separator {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, show_command_palette: bool = True, **kwargs: Any):
        super().__init__(**kwargs)
        self.show_command_palette = show_command_palette
        self._keys: tuple[ShownKey, ...] = ()
        self._palette: ShownKey | None = None
        # (first column, last column + 1, key) of every key written, for clicks
        self._spans: list[tuple[int, int, ShownKey]] = []

    # --- what is shown --------------------------------------------------------------------

    @property
    def descriptions(self) -> list[str]:
        """What the keys do, as shown (left to right)."""
        shown = [*self._keys, *([self._palette] if self._palette else [])]
        return [key.description for key in shown if key.description]

    def _read_bindings(self) -> tuple[tuple[ShownKey, ...], ShownKey | None]:
        """The keys to show: the first binding of each action the screen offers, in order,
        as the Footer picks them; the palette's key apart."""
        app = self.app
        active = self.screen.active_bindings
        keys: list[ShownKey] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            keys.append(ShownKey(binding.key, app.get_key_display(binding),
                                 binding.description, enabled))
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            found = active.get(app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = ShownKey(binding.key, app.get_key_display(binding),
                                   binding.description, enabled)
        return tuple(keys), palette

    def _bindings_changed(self, _screen: Screen[Any] | None = None) -> None:
        keys, palette = self._read_bindings()
        if (keys, palette) != (self._keys, self._palette):
            self._keys, self._palette = keys, palette
            self.refresh()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self.refresh()  # the palette's key keeps to the right end

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        separator_style = self.get_component_rich_style("key-bar--separator")
        line = Text(no_wrap=True, overflow="crop")
        spans: list[tuple[int, int, ShownKey]] = []

        def write(key: ShownKey) -> None:
            start = line.cell_len
            dim = Style() if key.enabled else Style(dim=True)
            line.append(key.display, key_style + dim)
            if key.description:
                line.append(" " + key.description, description_style + dim)
            spans.append((start, line.cell_len, key))

        for key in self._keys:
            line.append(" ")
            write(key)
        if self._palette is not None:
            # "▏ ^p Commands ": the separator, the key, its words, a space on each side
            palette_width = cell_len(f"{self._palette.display} {self._palette.description}") + 3
            gap = max(1, self.size.width - line.cell_len - palette_width)
            line.append(" " * gap)
            line.append("▏", separator_style)
            line.append(" ")
            write(self._palette)
            line.append(" ")
        self._spans = spans
        return line

    # --- the mouse ------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                if key.enabled:
                    self.app.simulate_key(key.key)
                else:
                    self.app.bell()
                return
