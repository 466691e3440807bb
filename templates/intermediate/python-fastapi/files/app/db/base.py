"""The declarative base of the models and the column types they share."""

from datetime import UTC, datetime
from typing import Final

from sqlalchemy import BigInteger, DateTime, Dialect, Integer, TypeDecorator
from sqlalchemy.orm import DeclarativeBase

ID_TYPE: Final = BigInteger().with_variant(Integer(), "sqlite")
"""64-bit ids: bigint in PostgreSQL; in SQLite, INTEGER PRIMARY KEY is the
64-bit rowid (with AUTOINCREMENT, never reused)."""


class Base(DeclarativeBase):
    """The base of every model; Base.metadata holds every table."""


class UTCDateTime(TypeDecorator[datetime]):
    """A moment in UTC: timestamptz in PostgreSQL; in SQLite, which has no
    time zones, the UTC wall time. Values read back are aware, in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime has no time zone to store")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
