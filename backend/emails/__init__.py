"""Plain-text emails of the add-subscription flow (R9.3 trial welcome, R12.3 order
confirmation), one Jinja2 template per kind and language."""

from .render import RenderedEmail, render_order_confirmation, render_trial_welcome

__all__ = ["RenderedEmail", "render_order_confirmation", "render_trial_welcome"]
