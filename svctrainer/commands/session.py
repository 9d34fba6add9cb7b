"""Opening the services for a command, on the database the options chose."""

from __future__ import annotations

import argparse

from svctrainer.commands.runner import db_url
from svctrainer.services.api import Services


def open_services(args: argparse.Namespace, *, damaged_ok: bool = False) -> Services:
    return Services.open(db_url(args), damaged_ok=damaged_ok)
