"""The users API: a Flask application factory and its routes."""

import json
import logging
import re
import time
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

import config
from models import EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, User, db

log = logging.getLogger(__name__)

# The largest request body accepted, in bytes (1 MiB).
MAX_BODY_BYTES = 1024 * 1024
# The syntax browsers accept for <input type="email">, with a dotted domain and
# a local part of at most 64 characters. ASCII only.
EMAIL_PATTERN = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
)
# U+0000-U+001F and U+007F.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
# Half of a UTF-16 surrogate pair, which JSON can spell ("\ud800") but which is
# not a character and cannot be stored.
SURROGATES = re.compile(r"[\ud800-\udfff]")
# Surrounding white space, except U+001C-U+001F: Python counts them as white
# space, but they are control characters, which are refused rather than trimmed.
SURROUNDING_SPACE = re.compile(r"\A[^\S\x1c-\x1f]+|[^\S\x1c-\x1f]+\Z")
# An id in a path: decimal digits, no sign, no leading zero.
ID_PATTERN = re.compile(r"[1-9][0-9]*")
# The largest id SQLite can store (a signed 64-bit integer).
MAX_ID = 2**63 - 1
USER_FIELDS = frozenset({"name", "email"})


class InvalidInput(Exception):
    """A request the API refuses with 400; the message is the error shown."""


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the application; ``overrides`` replaces settings read from the env."""
    app = Flask(__name__)
    app.json.sort_keys = False
    app.config.from_mapping(config.from_env())
    app.config.update(
        # No request body is read past this many bytes (see read_body).
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
        # Routes answer only their own methods: OPTIONS gets a 405 with Allow.
        PROVIDE_AUTOMATIC_OPTIONS=False,
    )
    if overrides:
        app.config.from_mapping(overrides)
    # "/users//1" (or "/users/%2f1", which decodes to it) is a path of its
    # own, a 404, not a redirect to "/users/1".
    app.url_map.merge_slashes = False

    db.init_app(app)
    with app.app_context():
        db.create_all()

    register_routes(app)
    register_error_handlers(app)
    register_response_hooks(app)
    return app


def error(message: str, status: int) -> tuple[Response, int]:
    return jsonify(error=message), status


def register_routes(app: Flask) -> None:
    @app.get("/health")
    def health() -> tuple[Response, int]:
        # Liveness, as the contract says: the process answers; it does not
        # ask the database, so a slow database cannot get it restarted.
        return jsonify(status="ok"), 200

    @app.get("/users")
    def list_users() -> tuple[Response, int]:
        users = db.session.scalars(select(User).order_by(User.id))
        return jsonify([user.to_dict() for user in users]), 200

    @app.post("/users")
    def create_user() -> tuple[Response, int]:
        try:
            name, email = parse_user(read_json_body())
        except InvalidInput as exc:
            return error(str(exc), 400)

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
        response = jsonify(user.to_dict())
        response.headers["Location"] = f"/users/{user.id}"
        return response, 201

    @app.get("/users/<raw_id>")
    def get_user(raw_id: str) -> tuple[Response, int]:
        user_id = parse_id(raw_id)
        if user_id is None:
            return error("id must be a positive integer", 400)
        user = db.session.get(User, user_id)
        if user is None:
            return error("user not found", 404)
        return jsonify(user.to_dict()), 200


def read_body() -> bytes:
    """The request body, or RequestEntityTooLarge (413) past MAX_BODY_BYTES."""
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        # Refused from the header alone; the body is never read.
        raise RequestEntityTooLarge()
    # A body without a length (chunked) is read up to one byte past the limit,
    # which tells one that is too long from one that is exactly the limit.
    request.max_content_length = MAX_BODY_BYTES + 1
    body = request.get_data(cache=False)
    if len(body) > MAX_BODY_BYTES:
        raise RequestEntityTooLarge()
    return body


def read_json_body() -> object:
    """The request body parsed as JSON, or InvalidInput.

    The size is checked first (413), then the content type and the JSON (400).
    """
    raw = read_body()
    if not request.is_json:
        raise InvalidInput("request body must be a JSON object")
    try:
        return json.loads(raw)
    # ValueError covers malformed JSON and invalid UTF-8; RecursionError is a
    # document nested deeper than the parser goes.
    except (ValueError, RecursionError):
        raise InvalidInput("request body must be a JSON object") from None


def parse_user(data: object) -> tuple[str, str]:
    """The trimmed name and email of a new user, or InvalidInput."""
    if not isinstance(data, dict):
        raise InvalidInput("request body must be a JSON object")
    if not data.keys() <= USER_FIELDS:
        raise InvalidInput("request body must have only the fields name and email")

    name = text_field(data, "name")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidInput(f"name must be at most {NAME_MAX_LENGTH} characters")

    email = text_field(data, "email")
    if len(email) > EMAIL_MAX_LENGTH:
        raise InvalidInput(f"email must be at most {EMAIL_MAX_LENGTH} characters")
    if not EMAIL_PATTERN.fullmatch(email):
        raise InvalidInput("email must be a valid email address")
    return name, email


def text_field(data: dict[str, object], field: str) -> str:
    """The field's string, trimmed: present, not blank, no control characters."""
    value = data.get(field)
    if value is None:
        raise InvalidInput(f"{field} is required")
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be a string")
    value = SURROUNDING_SPACE.sub("", value)
    if not value:
        raise InvalidInput(f"{field} is required")
    if CONTROL_CHARACTERS.search(value):
        raise InvalidInput(f"{field} must not contain control characters")
    if SURROGATES.search(value):
        raise InvalidInput(f"{field} must be valid Unicode text")
    return value


def parse_id(raw: str) -> int | None:
    """The id in a URL path, or None unless it is an integer from 1 to MAX_ID."""
    if not ID_PATTERN.fullmatch(raw) or len(raw) > len(str(MAX_ID)):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        # Keep the status and headers (such as Allow on a 405), answer in JSON.
        # Unhandled exceptions arrive here as InternalServerError, after Flask
        # has logged them with their traceback.
        response = exc.get_response()
        message = "request body too large" if exc.code == 413 else exc.name.lower()
        body = jsonify(error=message)
        response.set_data(body.get_data())
        response.content_type = body.content_type
        return response


def register_response_hooks(app: Flask) -> None:
    @app.before_request
    def start_timer() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def finish(response: Response) -> Response:
        # Browsers must not guess a type other than the one declared.
        response.headers["X-Content-Type-Options"] = "nosniff"
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
