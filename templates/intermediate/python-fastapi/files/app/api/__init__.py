"""The HTTP layer: routes, request checks, problem details and middleware."""
