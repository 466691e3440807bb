"""SQLAlchemy implementations of the services' repository interfaces."""
