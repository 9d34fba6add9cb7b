"""Formats xAPI requires of single values: IRIs, RFC 5646 language tags, UUIDs.

IRIs are checked for a practical subset of RFC 3987: a scheme, then something; no
whitespace, control or forbidden characters (< > " { } | \\ ^ `); well-formed percent
escapes; and an authority for http(s). Language tags are the well-formed tags of RFC 5646
section 2.1 (language, extlang, script, region, variants, extensions, private use) and
its grandfathered tags, matched case-insensitively in ASCII only. UUIDs are the standard
8-4-4-4-12 hexadecimal string form.
"""

from __future__ import annotations

import re

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_IRI_FORBIDDEN = re.compile(r"[\s\x00-\x1f\x7f<>\"{}|\\^`]")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")

# RFC 5646 section 2.1 (well-formed tags, case-insensitive).
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language (+ extlang)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|\d{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
)
_LANGUAGE_TAG = re.compile(rf"{_LANGTAG}|x(?:-[a-z0-9]{{1,8}})+", re.IGNORECASE | re.ASCII)
_GRANDFATHERED = frozenset(
    {"en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux",
     "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl",
     "sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka",
     "zh-min", "zh-min-nan", "zh-xiang"}
)  # fmt: skip


def is_language_tag(tag: object) -> bool:
    """True for a well-formed RFC 5646 language tag (en, en-US, zh-Hans-CN, x-klingon)."""
    if not isinstance(tag, str):
        return False
    return tag.lower() in _GRANDFATHERED or _LANGUAGE_TAG.fullmatch(tag) is not None


def is_iri(value: object) -> bool:
    """True for an absolute IRI (the practical RFC 3987 subset of the module docstring)."""
    if not isinstance(value, str):
        return False
    scheme = _SCHEME.match(value)
    if scheme is None or len(value) == scheme.end():
        return False
    if _IRI_FORBIDDEN.search(value) or _BAD_PERCENT.search(value):
        return False
    if scheme.group().lower() in ("http:", "https:"):
        rest = value[scheme.end() :]
        return rest.startswith("//") and len(rest) > 2 and rest[2] not in "/?#"
    return True


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and _UUID.fullmatch(value) is not None
