"""The Pydantic schemas of the API: what a client sends and what it gets."""
