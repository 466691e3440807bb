"""Create users.

Revision ID: 0001
Revises:
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        # bigint GENERATED ALWAYS AS IDENTITY in PostgreSQL; in SQLite the
        # rowid, INTEGER PRIMARY KEY AUTOINCREMENT, so an id is never reused.
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            sa.Identity(always=True),
            primary_key=True,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    # Unique in any letter case.
    op.create_index(
        "users_email_lower_key", "users", [sa.text("lower(email)")], unique=True
    )


def downgrade() -> None:
    op.drop_index("users_email_lower_key", table_name="users")
    op.drop_table("users")
