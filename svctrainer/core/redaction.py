"""Hiding database passwords in any text that reaches a person or a log file.

A server password can be written three ways, and each must be masked wherever the text
came from (an argument, a driver's error, a traceback):

- in a URL's user part, ``postgresql://app:secret@host`` — the password may itself hold
  ``@`` or ``:``, so everything up to the *last* ``@`` of the word is hidden;
- as a query parameter, ``postgresql://app@host/db?password=secret&sslmode=…``;
- as a libpq keyword, ``host=db password=secret`` or ``password='with spaces'``.

Masking errs on the side of hiding: a URL whose query also holds an ``@`` loses a little
more than its password, never less.
"""

from __future__ import annotations

import re

MASK = "***"
# "://user:" then anything but whitespace up to the last "@" of the word.
_USERINFO = re.compile(r"(://[^:/@\s]*):\S*@")
# password=value, password = 'quoted \' value' (libpq), ?password=value&… (URL query).
_KEYWORD = re.compile(r"(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s&'\"]*)")


def hide_passwords(text: str) -> str:
    """``text`` with every database password replaced by ``***``."""
    text = _USERINFO.sub(rf"\1:{MASK}@", text)
    return _KEYWORD.sub(rf"\1{MASK}", text)
