"""Units of time, defined once for the whole house.

Durations are integers: nanoseconds from monotonic event timestamps (key events,
scenario decisions) and milliseconds in stored figures. Converting between them with
these names, never with a literal, keeps a "1_000_000" from meaning ns per ms in one
module and something else in the next.
"""

from __future__ import annotations

NS_PER_MS = 1_000_000
NS_PER_S = 1_000_000_000
MS_PER_SECOND = 1000
MS_PER_MINUTE = 60 * MS_PER_SECOND
MS_PER_HOUR = 60 * MS_PER_MINUTE
MS_PER_DAY = 24 * MS_PER_HOUR
