"""The API service: create_app in app.main, started by app.server."""
