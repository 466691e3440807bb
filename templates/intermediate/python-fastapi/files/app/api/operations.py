"""The operational endpoints: /health, /ready, /metrics and /openapi.json."""

import logging
from typing import Any

import anyio
from fastapi import APIRouter
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from app.api.problems import ProblemError
from app.api.responses import problems
from app.api.routing import ContractRoute
from app.schemas.common import Health
from contract.metrics import CONTENT_TYPE, HttpMetrics
from contract.problem import UNAVAILABLE

logger = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 2.0


def operations_router(
    document: dict[str, Any], metrics: HttpMetrics, engine: Engine
) -> APIRouter:
    """The routes of the operational endpoints."""
    router = APIRouter(route_class=ContractRoute, tags=["operations"])

    @router.get("/health", operation_id="getHealth")
    async def get_health() -> Health:
        """Liveness: the process answers; the database is not asked."""
        return Health(status="ok")

    @router.get("/ready", operation_id="getReady", responses=problems(503))
    async def get_ready() -> Health:
        """Readiness: the database answers SELECT 1 within 2 seconds."""
        answered = False
        with anyio.move_on_after(READY_TIMEOUT_SECONDS):
            answered = await anyio.to_thread.run_sync(
                _ping, engine, abandon_on_cancel=True
            )
        if not answered:
            raise ProblemError(503, UNAVAILABLE)
        return Health(status="ok")

    @router.get("/metrics", operation_id="getMetrics", response_class=PlainTextResponse)
    async def get_metrics() -> Response:
        """The Prometheus text exposition format."""
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    @router.get("/openapi.json", operation_id="getOpenAPI")
    async def get_openapi() -> JSONResponse:
        """api/openapi.yaml as JSON: the contract this server serves."""
        return JSONResponse(document)

    return router


def _ping(engine: Engine) -> bool:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        logger.warning("the database is not answering: %s", exc.__class__.__name__)
        return False
    return True
