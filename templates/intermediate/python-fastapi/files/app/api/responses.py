"""The error answers each operation documents, as FastAPI's `responses`."""

from typing import Any

from app.schemas.common import BadRequestProblem, Problem
from contract.problem import PROBLEM_CONTENT_TYPE, TITLES


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The problem details an operation may answer, by status."""
    return {
        status: {
            "model": BadRequestProblem if status == 400 else Problem,
            "description": TITLES[status],
            "content": {PROBLEM_CONTENT_TYPE: {}},
        }
        for status in statuses
    }
