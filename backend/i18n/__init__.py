"""Languages of the Billing Center (en, fr): negotiation, message catalogs, binding labels
and locale formatting. Domain code marks English message ids with `_()`; they are
translated here, at the edge."""

from .catalog import error_message, translate, translate_plural, translations
from .formatting import format_date, format_money, format_percent_rate
from .labels import LABELS, label
from .negotiation import DEFAULT, SUPPORTED, negotiate, normalize

__all__ = [
    "DEFAULT",
    "LABELS",
    "SUPPORTED",
    "error_message",
    "format_date",
    "format_money",
    "format_percent_rate",
    "label",
    "negotiate",
    "normalize",
    "translate",
    "translate_plural",
    "translations",
]
