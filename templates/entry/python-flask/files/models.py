"""Database models."""

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_MAX_LENGTH), nullable=False)
    # NOCASE makes the UNIQUE constraint, and so the 409 on a duplicate, ignore
    # ASCII case: Ada@Example.com and ada@example.com are the same address. An
    # accepted email is ASCII only (see app.EMAIL_PATTERN), so that is every case.
    # The email is stored as given.
    email: Mapped[str] = mapped_column(
        String(EMAIL_MAX_LENGTH, collation="NOCASE"), nullable=False, unique=True
    )

    def to_dict(self) -> dict[str, int | str]:
        return {"id": self.id, "name": self.name, "email": self.email}
