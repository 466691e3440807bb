"""The domain's errors; the API turns each into its problem detail."""


class NotFoundError(Exception):
    """No item of a resource has the id."""

    def __init__(self, item: str, id: int) -> None:
        super().__init__(f"no {item} has the id {id}")
        self.item = item
        self.id = id


class EmailTakenError(Exception):
    """Another user has the email, in some letter case."""

    def __init__(self) -> None:
        super().__init__("a user with this email already exists")
