/**
 * The SQLite database: opening it, creating the schema and the queries the
 * routes use. Every query is a prepared statement with bound parameters.
 */

import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

/**
 * Schema migrations, applied in order. PRAGMA user_version records how many
 * have run; append new statements, never edit the ones already released.
 */
const MIGRATIONS = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE
   )`,
];

/** Thrown by createUser when the email is already taken. */
export class DuplicateEmailError extends Error {
  constructor(email) {
    super(`a user with email ${email} already exists`);
    this.name = "DuplicateEmailError";
  }
}

/**
 * Opens the database named by DATABASE_URL (a file path, a `file:` URL or
 * `:memory:`), brings its schema up to date and returns the user queries.
 */
export function openDatabase(databaseUrl) {
  const filename = toFilename(databaseUrl);
  if (filename !== ":memory:") {
    mkdirSync(path.dirname(filename), { recursive: true });
  }
  const db = new Database(filename);
  try {
    if (filename !== ":memory:") {
      db.pragma("journal_mode = WAL");
    }
    migrate(db);
    return createQueries(db);
  } catch (err) {
    db.close();
    throw err;
  }
}

function toFilename(databaseUrl) {
  if (databaseUrl.startsWith("file://")) {
    return fileURLToPath(databaseUrl);
  }
  if (databaseUrl.startsWith("file:")) {
    return databaseUrl.slice("file:".length);
  }
  return databaseUrl;
}

function migrate(db) {
  const applied = db.pragma("user_version", { simple: true });
  if (applied >= MIGRATIONS.length) {
    return;
  }
  db.transaction(() => {
    for (const statement of MIGRATIONS.slice(applied)) {
      db.exec(statement);
    }
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
}

function createQueries(db) {
  const listUsers = db.prepare("SELECT id, name, email FROM users ORDER BY id");
  const getUser = db.prepare("SELECT id, name, email FROM users WHERE id = ?");
  const insertUser = db.prepare(
    "INSERT INTO users (name, email) VALUES (?, ?) RETURNING id, name, email",
  );

  return {
    listUsers() {
      return listUsers.all();
    },

    getUser(id) {
      return getUser.get(id) ?? null;
    },

    createUser({ name, email }) {
      try {
        return insertUser.get(name, email);
      } catch (err) {
        if (
          err instanceof Database.SqliteError &&
          err.code === "SQLITE_CONSTRAINT_UNIQUE"
        ) {
          throw new DuplicateEmailError(email);
        }
        throw err;
      }
    },

    close() {
      db.close();
    },
  };
}
