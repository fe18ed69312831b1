"""The HTTP contract of api.md (FastAPI): one module per resource under routes/."""
