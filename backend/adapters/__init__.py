"""Adapters: implementations of the ports the domain and service layer use."""
