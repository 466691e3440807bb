"""The user model, Django's AUTH_USER_MODEL since the first migration.

A user signs in with its email (no username). The API shows only `name` and
`email` and the two timestamps; the rest of AbstractUser (password, staff and
superuser flags, groups, permissions) is Django's, for the admin and for
authentication when API_REQUIRE_AUTH is on.
"""

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower

from utils.clock import now_ms


class UserManager(BaseUserManager["User"]):
    """Creates users by email, for `manage.py createsuperuser` and the like."""

    use_in_migrations = True

    def create_user(
        self, email: str, name: str, password: str | None = None, **extra: Any
    ) -> "User":
        now = now_ms()
        extra.setdefault("created_at", now)
        extra.setdefault("updated_at", now)
        user = self.model(email=email, name=name, **extra)
        user.set_password(password)  # None: an unusable password
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, name: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, name, password, **extra)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    name = models.CharField(max_length=100)
    # Unique as written (Django requires it of USERNAME_FIELD) and, through
    # the constraint below, in any letter case.
    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["name"]

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email
