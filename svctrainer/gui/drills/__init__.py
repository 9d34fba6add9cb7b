"""Drill screens: keyboard capture, one view per drill type, and the result screen."""
