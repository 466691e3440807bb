"""Users in the database, through Django's ORM."""

from collections.abc import Callable, Iterable

from django.db import IntegrityError, router, transaction
from django.db.models.functions import Lower

from apps.users.models import User
from utils.errors import EmailTaken


class DjangoUserRepository:
    """The UserStore of apps.users.services on the configured database."""

    def page(self, offset: int, limit: int) -> tuple[list[User], int]:
        users = User.objects.order_by("id")
        return list(users[offset : offset + limit]), users.count()

    def get(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id).first()

    def email_taken(self, email: str, except_id: int | None = None) -> bool:
        # Lower(email), as the unique index is; emails are ASCII (the
        # contract's syntax), so Python's lower() agrees with the database's.
        same = User.objects.annotate(email_lower=Lower("email")).filter(
            email_lower=email.lower()
        )
        if except_id is not None:
            same = same.exclude(pk=except_id)
        return same.exists()

    def add(self, user: User) -> User:
        user.set_unusable_password()
        self._write(user, lambda: user.save(force_insert=True), None)
        return user

    def save(self, user: User, fields: Iterable[str]) -> None:
        names = list(fields)
        self._write(user, lambda: user.save(update_fields=names), user.pk)

    def delete(self, user_id: int) -> bool:
        deleted, _ = User.objects.filter(pk=user_id).delete()
        return deleted > 0

    def _write(
        self, user: User, write: Callable[[], None], except_id: int | None
    ) -> None:
        try:
            # A savepoint, so that a refused write leaves an enclosing
            # transaction usable.
            with transaction.atomic(using=router.db_for_write(User)):
                write()
        except IntegrityError:
            # Another request took the email in between: a 409 too.
            if self.email_taken(user.email, except_id):
                raise EmailTaken() from None
            raise
