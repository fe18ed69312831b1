"""The Billing Center's terminal app (Textual). Arrives with the TUI issue; the package is
declared now so the distribution's layout does not change when it lands."""
