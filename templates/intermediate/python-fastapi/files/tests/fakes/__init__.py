"""In-memory repositories for the services' unit tests."""
