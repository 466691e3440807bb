"""Users: the custom user model (AUTH_USER_MODEL) and /api/v1/users."""
