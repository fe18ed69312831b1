"""Widgets the screens share: a labelled input with its error line, the table of order
lines, the money summary of an order."""
