"""Content negotiation: answers are JSON whatever the request's Accept says."""

from collections.abc import Iterable
from typing import Any

from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.parsers import BaseParser
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


class JSONOnlyNegotiation(BaseContentNegotiation):
    """Picks the parser by Content-Type as DRF does, and always the first
    renderer (JSON): an Accept the API cannot honour is not a 406."""

    def select_parser(
        self, request: Request, parsers: Iterable[BaseParser]
    ) -> BaseParser | None:
        return DefaultContentNegotiation().select_parser(request, parsers)

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        media_type: Any = renderer.media_type
        return renderer, str(media_type)
