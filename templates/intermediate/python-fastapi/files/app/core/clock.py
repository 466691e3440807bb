"""The time of a write: UTC, truncated to whole milliseconds."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""What the services take to tell the time (a fixed one in tests)."""


def utc_now_ms() -> datetime:
    """Now, in UTC, without the microseconds past the millisecond: the value
    stored is the value answered."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def format_ms(moment: datetime) -> str:
    """RFC 3339 in UTC with exactly three fractional digits and Z."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
