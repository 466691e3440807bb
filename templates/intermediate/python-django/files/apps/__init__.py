"""The project's Django apps: users, and one app per feature module."""
