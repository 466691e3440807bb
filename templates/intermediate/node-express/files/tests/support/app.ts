import type { Express } from "express";

import { createApp } from "../../src/app";
import type { DatabaseHandle } from "../../src/db/database";
import { testDatabases, type TestDatabase } from "../../src/db/testing";
import { capturingLogger } from "./logs";

/** The application on a fresh database, and its log lines. */
export interface TestApp {
  app: Express;
  database: DatabaseHandle;
  logs: () => Record<string, unknown>[];
  close: () => Promise<void>;
}

/** Builds the application on a fresh, migrated database of the given kind (default: SQLite). */
export async function openTestApp(db: TestDatabase = sqliteDatabase()): Promise<TestApp> {
  const database = await db.open();
  const { logger, lines } = capturingLogger();
  const app = createApp({ database, logger });
  return { app, database, logs: lines, close: () => database.close() };
}

function sqliteDatabase(): TestDatabase {
  const [sqlite] = testDatabases();
  if (sqlite === undefined) {
    throw new Error("no SQLite test database");
  }
  return sqlite;
}
