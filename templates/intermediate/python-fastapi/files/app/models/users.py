"""The users table."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import ID_TYPE, Base, UTCDateTime


class User(Base):
    """A user; the email is unique in any letter case."""

    __tablename__ = "users"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(ID_TYPE, sa.Identity(always=True), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    email: Mapped[str] = mapped_column(sa.String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


# ASCII case folding, as in SQLite's lower(); the address syntax admits no
# other letters.
sa.Index("users_email_lower_key", sa.func.lower(User.email), unique=True)
