"""The database: the declarative base, its column types, and the engine."""
