"""What a page shows, read in one call: its structure as assistive technology reads it.

Every call to the browser is a round trip (tens of milliseconds on a busy machine), so the
web driver reads each document once, after it loads or changes, through `READ_JS`: the
`h1`, the alerts (`role=alert`, with their `data-code`, `data-field`, link and the labels
of the fields that reference them by `aria-describedby`), the tables by caption (their
column headers, body rows with each row's buttons, footer rows), the definition lists
(term -> value, the value's links left out), the groups (fieldsets by legend, with their
radios), an open dialog (its title, text, fields and buttons), the buttons and the regions
(sections named by their heading: list items, links, paragraphs) of `main`. Texts are the
elements' rendered text (`innerText`), as a person reads them.

It acts by ARIA role and accessible name (Playwright's locators), never by this snapshot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from steps.drivers.reading import flat

READ_JS = """
() => {
  const main = document.querySelector('main') || document.body;
  const shown = e => !!e && e.checkVisibility();
  const text = e => (e ? e.innerText : '').trim();
  const words = e => (e ? e.textContent : '').replace(/\\s+/g, ' ').trim();
  const labelOf = c => {
    const labels = c.labels ? [...c.labels] : [];
    if (labels.length) return labels.map(text).join(' ');
    const legend = c.tagName === 'FIELDSET' ? c.querySelector(':scope > legend') : null;
    if (legend) return text(legend);
    const by = c.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map(id => text(document.getElementById(id))).join(' ');
    return c.getAttribute('aria-label') || '';
  };
  const describing = id => [...document.querySelectorAll('[aria-describedby]')]
    .filter(c => c.getAttribute('aria-describedby').split(/\\s+/).includes(id));
  const alerts = [...document.querySelectorAll('[role=alert]')]
    .filter(a => shown(a) && text(a))
    .map(a => {
      const link = a.querySelector('a[href]');
      return {text: text(a), code: a.dataset.code || null, field: a.dataset.field || null,
              link: link ? link.getAttribute('href') : null,
              tiedTo: a.id ? describing(a.id).map(labelOf) : []};
    });
  const buttonsIn = e => [...e.querySelectorAll('button')].filter(shown)
    .map(b => ({name: text(b), disabled: b.disabled}));
  const row = r => ({cells: [...r.cells].map(text), buttons: buttonsIn(r)});
  const tables = [...main.querySelectorAll('table')].filter(shown).map(t => ({
    caption: t.caption ? words(t.caption) : '',
    head: t.tHead ? [...t.tHead.rows[0].cells].map(text) : [],
    rows: [...t.tBodies].flatMap(b => [...b.rows]).map(row),
    foot: t.tFoot ? [...t.tFoot.rows].map(r => [...r.cells].map(text)) : [],
  }));
  const facts = [...main.querySelectorAll('dl')].filter(shown)
    .flatMap(dl => [...dl.querySelectorAll(':scope > dt')].map(dt => {
      const dd = dt.nextElementSibling;
      if (!dd) return [text(dt), ''];
      const copy = dd.cloneNode(true);
      copy.querySelectorAll('a').forEach(n => n.remove());
      return [text(dt), words(copy)];
    }));
  const groups = [...main.querySelectorAll('fieldset')].filter(shown).map(f => ({
    name: labelOf(f),
    radios: [...f.querySelectorAll('input[type=radio]')]
      .map(r => ({label: labelOf(r), checked: r.checked})),
  }));
  const open = [...document.querySelectorAll('dialog[open]')].find(shown);
  const dialog = open ? {
    title: labelOf(open), text: text(open), buttons: buttonsIn(open),
    fields: [...open.querySelectorAll('input:not([type=hidden])')]
      .map(i => ({label: labelOf(i), value: i.value})),
  } : null;
  const regions = [...main.querySelectorAll('section[aria-labelledby]')].filter(shown)
    .map(s => ({
      name: labelOf(s),
      items: [...s.querySelectorAll('li')].map(text),
      links: [...s.querySelectorAll('a[href]')].filter(shown)
        .map(a => ({name: text(a), href: a.getAttribute('href')})),
      paragraphs: [...s.querySelectorAll('p')].filter(shown).map(text),
    }));
  return {
    lang: document.documentElement.lang, h1: text(document.querySelector('h1')),
    main: text(main), nav: !!document.querySelector('nav'), alerts, tables, facts,
    groups, dialog, buttons: buttonsIn(main), regions,
    links: [...main.querySelectorAll('a[href]')].filter(shown)
      .map(a => ({name: text(a), href: a.getAttribute('href')})),
  };
}
"""


def one_line(text: str) -> str:
    """A cell's or an item's text on one line (its inner blocks joined by a space)."""
    return flat(re.sub(r"\s*\n\s*", " ", text))


def norm(text: str) -> str:
    return one_line(text).casefold()


@dataclass(frozen=True)
class Table:
    caption: str
    head: list[str]
    rows: list[dict[str, Any]]  # {"cells": [...], "buttons": [{"name", "disabled"}]}
    foot: list[list[str]]

    def column(self, caption: str) -> int:
        """The index of the column headed `caption` (a header may add a hint after it)."""
        wanted = norm(caption)
        for index, text in enumerate(self.head):
            shown = norm(text)
            if shown == wanted or shown.startswith(wanted + " "):
                return index
        raise AssertionError(f"the table {self.caption!r} has no column {caption!r}: {self.head}")

    def read(self, **captions: str) -> list[dict[str, str]]:
        """The body rows as {name: cell text}, each column found by its header."""
        columns = {name: self.column(caption) for name, caption in captions.items()}
        return [
            {name: one_line(row["cells"][i]) for name, i in columns.items()} for row in self.rows
        ]

    def row_buttons(self, header: str) -> list[str]:
        """The names of the buttons in the row whose header reads `header`."""
        for row in self.rows:
            if row["cells"] and norm(row["cells"][0]) == norm(header):
                return [one_line(b["name"]) for b in row["buttons"]]
        return []


@dataclass(frozen=True)
class Shown:
    """One document as the person sees it (see the module's docstring)."""

    raw: dict[str, Any]
    facts: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        facts = {norm(term): one_line(value) for term, value in self.raw["facts"]}
        object.__setattr__(self, "facts", facts)

    @property
    def lang(self) -> str:
        return str(self.raw["lang"])

    @property
    def h1(self) -> str:
        return one_line(self.raw["h1"])

    @property
    def alerts(self) -> list[dict[str, Any]]:
        return list(self.raw["alerts"])

    @property
    def lines(self) -> list[str]:
        """The text of `main`, line by line."""
        return [one_line(line) for line in self.raw["main"].splitlines() if line.strip()]

    @property
    def has_menu(self) -> bool:
        return bool(self.raw["nav"])

    def fact(self, term: str) -> str:
        try:
            return self.facts[norm(term)]
        except KeyError:
            raise AssertionError(f"the page shows no {term!r} among {sorted(self.facts)}") from None

    def table(self, caption: str) -> Table | None:
        for table in self.raw["tables"]:
            if norm(table["caption"]) == norm(caption):
                return Table(table["caption"], table["head"], table["rows"], table["foot"])
        return None

    def needs_table(self, caption: str) -> Table:
        table = self.table(caption)
        if table is None:
            captions = [t["caption"] for t in self.raw["tables"]]
            raise AssertionError(f"the page shows no table {caption!r}; its tables: {captions}")
        return table

    def group(self, name: str) -> list[dict[str, Any]] | None:
        """The radios ({"label", "checked"}) of the group (fieldset) named `name`."""
        for group in self.raw["groups"]:
            if norm(group["name"]) == norm(name):
                return list(group["radios"])
        return None

    @property
    def dialog(self) -> dict[str, Any] | None:
        return self.raw["dialog"]

    def button(self, name: str) -> dict[str, Any] | None:
        """The button of `main` (or of an open dialog) named exactly `name`."""
        found = [*self.raw["buttons"], *((self.dialog or {}).get("buttons") or [])]
        for button in found:
            if one_line(button["name"]) == name:
                return dict(button)
        return None

    @property
    def button_names(self) -> list[str]:
        return [one_line(b["name"]) for b in self.raw["buttons"]]

    def region(self, name: str) -> dict[str, Any] | None:
        for region in self.raw["regions"]:
            if norm(region["name"]) == norm(name):
                return dict(region)
        return None

    def link(self, name: str) -> str | None:
        """The address of the link of `main` named `name`."""
        for link in self.raw["links"]:
            if one_line(link["name"]) == name:
                return str(link["href"])
        return None
