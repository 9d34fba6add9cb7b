"""What each ``svctrainer`` command does, over :mod:`svctrainer.services`.

The CLI is the administration tool: it acts as ``Actor.command_line()`` (audited with the
OS user name) and prints plain text or JSON for scheduled jobs.
"""
