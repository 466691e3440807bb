"""The business rules, one service per resource, over repository interfaces."""
