"""Typed inputs of the use cases, as a person types them.

Standard library only: the TUI imports this module before its first frame, so it must not
pull in pydantic, SQLAlchemy or the rest of the backend.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, repr=False)
class CardInput:
    """A card as typed on the Place Order page; the domain validates it (R11.1).

    Never shown whole: its repr (and so any log line or traceback that prints it) keeps
    the holder and the expiry and hides the number and the CVC.
    """

    name: str
    number: str
    exp_month: str | int
    exp_year: str | int
    cvc: str

    def __repr__(self) -> str:
        return (f"CardInput(name={self.name!r}, number=***, exp_month={self.exp_month!r}, "
                f"exp_year={self.exp_year!r}, cvc=***)")
