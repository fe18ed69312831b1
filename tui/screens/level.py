"""Step 5 (R5): the subscription level, shown only when the product has more than one.

Widget ids:
- Static#level-product: the product's name and whether it is bought or tried.
- OptionList#levels, titled "Subscription level" (its border title), one option per level
  (option id `level-<code>`, its prompt the level's name, its license cap and monthly
  rate). The highlighted option is the current choice; Enter or a click takes it and opens
  the licenses step.
Escape goes back to the products, keeping the choice.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.choice import Choice
from tui.screens.base import StepScreen
from tui.widgets.error import ErrorLine
from tui.widgets.key_bar import KeyBar


class LevelScreen(StepScreen):
    CSS_PATH = "level.tcss"
    ERROR_ID = "level-error"

    def __init__(self, choice: Choice):
        super().__init__()
        self.choice = choice

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="level-step"):
            yield Static(id="level-product", classes="title", markup=False)
            yield OptionList(id="levels")
            yield ErrorLine(id="level-error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#levels", OptionList).focus()

    def relabel(self) -> None:
        t, choice = self.t, self.choice
        action = t.label("buy") if choice.action == "buy" else t.label("try")
        self.query_one("#level-product", Static).update(f"{choice.product.name} · {action}")
        levels = self.query_one("#levels", OptionList)
        levels.border_title = t.label("level")
        highlighted = levels.highlighted
        levels.clear_options()
        currency = self.app.currency
        levels.add_options([
            Option(t.tr("{level}: up to {max} user licenses, {price} per license per month",
                        level=level.name, max=level.max_licenses,
                        price=t.money(level.monthly, currency)),
                   id=f"level-{level.code}")
            for level in choice.product.levels
        ])
        if highlighted is None and choice.level is not None:
            highlighted = levels.get_option_index(f"level-{choice.level.code}")
        levels.highlighted = highlighted or 0

    @on(OptionList.OptionSelected, "#levels")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        from tui.screens.licenses import LicensesScreen

        code = (event.option.id or "").removeprefix("level-")
        level = next(lv for lv in self.choice.product.levels if lv.code == code)
        self.choice.level = level
        self.app.push_screen(LicensesScreen(self.choice))
