"""The web pages (see README.md beside this file)."""
