"""Request ids: the client's X-Request-ID when it is well formed, else a new one."""

import re
import uuid
from collections.abc import Sequence
from typing import Final

HEADER: Final = "X-Request-ID"

_WELL_FORMED: Final = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id_from(values: Sequence[str]) -> str:
    """The request's id from every value of its X-Request-ID headers.

    Exactly one value of 1 to 128 characters from A-Z a-z 0-9 . _ : - is kept;
    otherwise (none, empty, too long, another character, given twice) a new
    random UUID is made.
    """
    if len(values) == 1 and _WELL_FORMED.fullmatch(values[0]) is not None:
        return values[0]
    return str(uuid.uuid4())
