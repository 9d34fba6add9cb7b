"""Dialogs: first-run set-up, settings, about, person editing."""
