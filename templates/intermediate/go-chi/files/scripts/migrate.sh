#!/bin/sh
# Builds the server and applies the database migrations to DATABASE_URL
# (or the default database; see .env.example). Run from the project root.
set -eu
cd "$(dirname "$0")/.."
name=$(basename "$(ls -d cmd/*/ | head -n 1)")
go build -o "bin/$name" "./cmd/$name"
exec "./bin/$name" migrate
