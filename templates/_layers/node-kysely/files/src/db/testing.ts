/**
 * Databases for the tests: a fresh, migrated database per call, on SQLite
 * (in memory) always and on PostgreSQL when TEST_DATABASE_URL names one.
 * Each PostgreSQL database is a schema of its own, dropped on close, so test
 * files run in parallel and again without stepping on each other.
 *
 * API (shared by the templates that list the node-kysely layer):
 * - `testDatabases()`: `[{ name: "sqlite", open }, { name: "postgres", open }?]`, for
 *   `describe.each(testDatabases())("... on $name", ({ open }) => ...)`.
 * - `open()`: a migrated `DatabaseHandle`; its `close()` also drops the PostgreSQL schema.
 */

import { randomBytes } from "node:crypto";

import { Client } from "pg";

import { openDatabase, type DatabaseHandle, type DialectName } from "./database";
import { migrateToLatest } from "./migrate";

/** A database the tests can open. */
export interface TestDatabase {
  name: DialectName;
  open: () => Promise<DatabaseHandle>;
}

/** The databases to run repository tests on. */
export function testDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: "sqlite", open: openTestSqlite }];
  const url = env.TEST_DATABASE_URL;
  if (url) {
    databases.push({ name: "postgres", open: () => openTestPostgres(url) });
  }
  return databases;
}

async function openTestSqlite(): Promise<DatabaseHandle> {
  const handle = openDatabase({ databaseUrl: "sqlite::memory:" });
  try {
    await migrateToLatest(handle);
  } catch (err) {
    await handle.close();
    throw err;
  }
  return handle;
}

async function openTestPostgres(url: string): Promise<DatabaseHandle> {
  const schema = `test_${randomBytes(8).toString("hex")}`;
  await admin(url, `CREATE SCHEMA ${schema}`);
  const handle = openDatabase({ databaseUrl: url }, { schema });
  const close = async (): Promise<void> => {
    try {
      await handle.close();
    } finally {
      await admin(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  };
  try {
    await migrateToLatest(handle);
  } catch (err) {
    await close();
    throw err;
  }
  return { ...handle, close };
}

/** Runs one statement on a connection of its own. */
async function admin(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
