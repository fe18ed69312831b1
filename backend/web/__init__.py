"""The Billing Center as web pages, mounted by `backend.api.app` at `/` beside the API.

Server-rendered with Jinja2 in English and French (`rendering.py`), over the same service
facade as the API and the TUI (`BillingService`). One routes module per page group in
`routes/` (session, account, choose, cart, checkout, users), templates in `templates/`,
the stylesheet and the one script in `static/`; cookies, CSRF and headers in `security.py`.

The routes, headings, roles and accessible names of every page (what the Playwright
driver relies on) are in README.md beside this file.
"""
