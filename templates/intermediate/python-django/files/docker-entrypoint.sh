#!/bin/sh
# The image's entry point: `migrate` applies the migrations and exits;
# `serve` (the default) runs Gunicorn; anything else runs as a command.
set -eu
case "${1:-serve}" in
migrate)
    exec python manage.py migrate --no-input
    ;;
serve)
    exec gunicorn --config gunicorn.conf.py
    ;;
*)
    exec "$@"
    ;;
esac
