"""PySide6 windows and widgets, thin over :mod:`svctrainer.services`."""
