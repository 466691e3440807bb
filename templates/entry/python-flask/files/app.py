"""The users API: a Flask application factory and its routes."""

import logging
import re
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, jsonify, request
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from werkzeug.exceptions import HTTPException

import config
from models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, User, db

log = logging.getLogger(__name__)

EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
# The largest id SQLite can store (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the application; ``overrides`` replaces settings read from the env."""
    app = Flask(__name__)
    app.json.sort_keys = False
    app.config.from_mapping(config.from_env())
    if overrides:
        app.config.from_mapping(overrides)

    db.init_app(app)
    with app.app_context():
        db.create_all()

    register_routes(app)
    register_error_handlers(app)
    register_request_logging(app)
    return app


def error(message: str, status: int) -> tuple[Response, int]:
    return jsonify(error=message), status


def register_routes(app: Flask) -> None:
    @app.get("/health")
    def health() -> tuple[Response, int]:
        try:
            db.session.execute(text("SELECT 1"))
        except SQLAlchemyError:
            log.exception("database health check failed")
            return error("database unavailable", 503)
        return jsonify(status="ok"), 200

    @app.get("/users")
    def list_users() -> tuple[Response, int]:
        users = db.session.scalars(select(User).order_by(User.id))
        return jsonify([user.to_dict() for user in users]), 200

    @app.post("/users")
    def create_user() -> tuple[Response, int]:
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return error("request body must be a JSON object", 400)

        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            return error("name is required", 400)
        name = name.strip()
        if len(name) > NAME_MAX_LENGTH:
            return error(f"name must be at most {NAME_MAX_LENGTH} characters", 400)

        email = data.get("email")
        if not isinstance(email, str) or not email.strip():
            return error("email is required", 400)
        email = email.strip()
        if len(email) > EMAIL_MAX_LENGTH or not EMAIL_PATTERN.fullmatch(email):
            return error("email must be a valid email address", 400)

        user = User(name=name, email=email)
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError as exc:
            db.session.rollback()
            if "unique" in str(exc.orig).lower():
                return error("email already exists", 409)
            raise
        log.info("user created", extra={"user_id": user.id})
        return jsonify(user.to_dict()), 201

    @app.get("/users/<raw_id>")
    def get_user(raw_id: str) -> tuple[Response, int]:
        user_id = parse_id(raw_id)
        if user_id is None:
            return error("id must be a positive integer", 400)
        user = db.session.get(User, user_id)
        if user is None:
            return error("user not found", 404)
        return jsonify(user.to_dict()), 200


def parse_id(raw: str) -> int | None:
    """The id in a URL path, or None unless it is an integer from 1 to MAX_ID."""
    if not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        # Keep the status and headers (such as Allow on a 405), answer in JSON.
        # Unhandled exceptions arrive here as InternalServerError, after Flask
        # has logged them with their traceback.
        response = exc.get_response()
        body = jsonify(error=exc.name.lower())
        response.set_data(body.get_data())
        response.content_type = body.content_type
        return response


def register_request_logging(app: Flask) -> None:
    @app.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        started = g.get("request_started")
        duration_ms = (
            round((time.perf_counter() - started) * 1000, 2)
            if started is not None
            else None
        )
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response
