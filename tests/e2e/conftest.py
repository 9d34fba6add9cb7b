"""End-to-end tests share the ``cli`` fixture from tests/conftest.py."""
