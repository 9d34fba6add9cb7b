"""ISO 8601 durations and timestamps as xAPI 1.0.3 wants them.

Durations use the format with designators (ISO 8601:2004 4.4.3.2), which xAPI requires;
the alternative format (P0000-00-00T00:01:05) is never produced or accepted. Attempts are
formatted as ``PT[hH][mM][s.ffS]``: hours are not carried into days (a day is not always
24 hours, and no attempt lasts one), zero components are left out, "PT0S" is zero, and
trailing zeros of the fraction are dropped (65 250 ms → "PT1M5.25S"). xAPI asks providers
for at most 0.01 s precision, so statements use ``places=2``; ``places=3`` is exact to
the millisecond. Rounding is half up on the integer milliseconds.

Timestamps are written in UTC as RFC 3339 with milliseconds and "Z"
(2024-03-05T08:15:00.120Z), truncating sub-millisecond digits (xAPI allows truncation to
milliseconds and requires that milliseconds be kept).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from svctrainer.core.durations import MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND

_NUM = r"\d+(?:[.,]\d+)?"
_DURATION = re.compile(
    rf"P(?:(?P<W>{_NUM})W|(?:(?P<Y>{_NUM})Y)?(?:(?P<Mo>{_NUM})M)?(?:(?P<D>{_NUM})D)?"
    rf"(?:T(?:(?P<H>{_NUM})H)?(?:(?P<Mi>{_NUM})M)?(?:(?P<S>{_NUM})S)?)?)",
    re.ASCII,
)
_ORDER = ("Y", "Mo", "W", "D", "H", "Mi", "S")
_TIMESTAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})[Tt](?P<time>\d{2}:\d{2}:\d{2}(?:[.,]\d+)?)"
    r"(?P<zone>[Zz]|[+-]\d{2}:?\d{2}|[+-]\d{2})?",
    re.ASCII,
)


def format_duration(ms: int, places: int = 2) -> str:
    """``ms`` milliseconds as an ISO 8601 duration with at most ``places`` (0..3) decimals
    of seconds. ValueError for a negative duration or bad ``places``."""
    if isinstance(ms, bool) or not isinstance(ms, int) or ms < 0:
        raise ValueError("a duration is a non-negative integer number of milliseconds")
    if not 0 <= places <= 3:
        raise ValueError("places must be 0..3")
    quantum = 10 ** (3 - places)
    total = (ms + quantum // 2) // quantum * quantum
    hours, rest = divmod(total, MS_PER_HOUR)
    minutes, rest = divmod(rest, MS_PER_MINUTE)
    seconds, millis = divmod(rest, MS_PER_SECOND)
    parts = ["PT"]
    if hours:
        parts.append(f"{hours}H")
    if minutes:
        parts.append(f"{minutes}M")
    if seconds or millis or total == 0:
        fraction = f"{millis:03d}".rstrip("0")
        parts.append(f"{seconds}.{fraction}S" if fraction else f"{seconds}S")
    return "".join(parts)


def _components(text: str) -> dict[str, Decimal] | None:
    """The components present, or None if ``text`` is not a designator-format duration."""
    if not isinstance(text, str):
        return None
    match = _DURATION.fullmatch(text)
    if match is None:
        return None
    present = {k: v for k, v in match.groupdict().items() if v is not None}
    if not present or ("T" in text and not present.keys() & {"H", "Mi", "S"}):
        return None  # "P" alone, or a "T" with no time component after it
    # Only the lowest-order component present may carry a decimal fraction.
    ordered = [k for k in _ORDER if k in present]
    if any(re.search(r"[.,]", present[k]) for k in ordered[:-1]):
        return None
    try:
        return {k: Decimal(v.replace(",", ".")) for k, v in present.items()}
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None


def is_duration(text: object) -> bool:
    """True for an ISO 8601 designator-format duration (P3Y1M29DT4H35M59.14S, P4W, PT0S)."""
    return isinstance(text, str) and _components(text) is not None


def parse_duration_ms(text: str) -> int:
    """Milliseconds in a duration (rounded half up); days are 24 h, weeks 7 days.

    ValueError for text that is not a duration, or one with years or months, whose
    length depends on the calendar.
    """
    parts = _components(text)
    if parts is None:
        raise ValueError(f"not an ISO 8601 duration: {text!r}")
    if "Y" in parts or "Mo" in parts:
        raise ValueError("durations with years or months have no fixed length")
    scale = {"W": 7 * MS_PER_DAY, "D": MS_PER_DAY, "H": MS_PER_HOUR, "Mi": MS_PER_MINUTE}
    scale["S"] = MS_PER_SECOND
    total = sum(value * scale[k] for k, value in parts.items())
    return int(Decimal(total).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def format_timestamp(moment: datetime) -> str:
    """A timezone-aware instant as UTC with milliseconds: 2024-03-05T08:15:00.120Z."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("timestamps must be timezone-aware")
    utc = moment.astimezone(UTC)
    # isoformat, not strftime: "%Y" does not zero-pad years before 1000 on every platform
    return utc.replace(tzinfo=None, microsecond=0).isoformat() + f".{utc.microsecond // 1000:03d}Z"


def parse_timestamp(text: str) -> datetime:
    """An ISO 8601 date-time (extended format, as RFC 3339 profiles it) as a datetime,
    naive if the text has no zone. ValueError for anything else, impossible dates, and
    the "-00:00" offset (RFC 3339's "unknown local offset", which xAPI LRSs reject)."""
    match = _TIMESTAMP.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not an ISO 8601 timestamp: {text!r}")
    zone = match["zone"] or ""
    if zone in ("-00:00", "-0000", "-00"):
        raise ValueError("the -00:00 offset is not allowed")
    clock = match["time"].replace(",", ".")
    if "." in clock:
        whole, fraction = clock.split(".")
        clock = f"{whole}.{(fraction + '000000')[:6]}"
    if zone in ("Z", "z"):
        zone = "+00:00"
    elif len(zone) == 3:
        zone += ":00"
    elif len(zone) == 5:
        zone = f"{zone[:3]}:{zone[3:]}"
    return datetime.fromisoformat(f"{match['date']}T{clock}{zone}")


def is_timestamp(text: object, *, require_zone: bool = False) -> bool:
    """True for a valid ISO 8601 date-time (with a zone if ``require_zone``)."""
    if not isinstance(text, str):
        return False
    try:
        moment = parse_timestamp(text)
    except ValueError:
        return False
    return not require_zone or moment.tzinfo is not None
