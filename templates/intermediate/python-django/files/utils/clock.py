"""The time a write is stamped with: UTC, truncated to whole milliseconds."""

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def now_ms() -> datetime:
    """Now in UTC, truncated to the millisecond, as stored and answered."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)
