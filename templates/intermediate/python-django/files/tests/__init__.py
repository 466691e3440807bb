"""Tests of the project as a whole; each app's own are in apps/<app>/tests/."""
