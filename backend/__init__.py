"""Billing Center backend: domain rules, store, services, HTTP API and web pages."""
