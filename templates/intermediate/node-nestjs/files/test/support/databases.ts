/**
 * The databases the repository and API tests run on: a fresh migrated
 * SQLite file always, and PostgreSQL when TEST_DATABASE_URL names one (the
 * global setup has migrated it; the tests delete the rows they create).
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DataSource, type DataSourceOptions } from "typeorm";

import { dataSourceOptions } from "../../src/database/data-source";

/** A database the tests can use. */
export interface TestDatabase {
  /** "sqlite" or "postgres", for test names. */
  name: string;
  /** Makes a DATABASE_URL for one test file: a new SQLite file, or TEST_DATABASE_URL. */
  url: () => string;
}

/** The databases to run on: SQLite, and PostgreSQL with TEST_DATABASE_URL. */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [{ name: "sqlite", url: sqliteUrl }];
  const pg = process.env.TEST_DATABASE_URL;
  if (pg !== undefined && pg !== "") {
    databases.push({ name: "postgres", url: () => pg });
  }
  return databases;
}

const dirs: string[] = [];

/** A sqlite: URL of a file in a new temporary directory, removed when the process exits. */
export function sqliteUrl(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "nest-test-"));
  dirs.push(dir);
  return `sqlite:${path.join(dir, "test.db")}`;
}

process.once("exit", () => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Opens databaseUrl with the entities and applies the migrations it lacks. */
export async function openMigrated(
  databaseUrl: string,
  entities: NonNullable<DataSourceOptions["entities"]> = [],
): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, entities));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: "each" });
  return dataSource;
}
