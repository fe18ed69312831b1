"""The two `tui.client.BillingClient` implementations: `embedded` (the service facade on a
database URL) and `http` (any deployment, over api.md). Import them in a worker: each pulls
in the backend or httpx."""
