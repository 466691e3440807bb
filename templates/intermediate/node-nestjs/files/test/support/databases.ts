/**
 * The databases the repository and API tests run on: SQLite always, and
 * PostgreSQL when TEST_DATABASE_URL names one. Each test file gets a
 * database of its own, migrated: a new SQLite file, or a new schema in the
 * PostgreSQL database (its search_path set in the URL), dropped again when
 * the file is done. So test files running in parallel never see each
 * other's rows, and a second run starts as clean as the first.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DataSource, type DataSourceOptions } from "typeorm";

import { databaseKind, sqlitePath } from "../../src/config/config";
import { dataSourceOptions } from "../../src/database/data-source";

/** A kind of database the tests can use. */
export interface TestDatabase {
  /** "sqlite" or "postgres", for test names. */
  name: string;
  /** Makes a new, empty database and returns its DATABASE_URL; release it with dropTestDatabase. */
  create: () => Promise<string>;
}

/** The databases to run on: SQLite, and PostgreSQL with TEST_DATABASE_URL. */
export function testDatabases(): TestDatabase[] {
  const databases: TestDatabase[] = [
    { name: "sqlite", create: () => Promise.resolve(sqliteUrl()) },
  ];
  const pg = process.env.TEST_DATABASE_URL;
  if (pg !== undefined && pg !== "") {
    databases.push({ name: "postgres", create: () => postgresSchemaUrl(pg) });
  }
  return databases;
}

/** A sqlite: URL of a file in a new temporary directory. */
export function sqliteUrl(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "nest-test-"));
  return `sqlite:${path.join(dir, "test.db")}`;
}

let schemas = 0;

/** Creates a schema in the database of base and returns base with that schema as its search_path. */
async function postgresSchemaUrl(base: string): Promise<string> {
  schemas += 1;
  const schema = `test_${String(process.pid)}_${String(Date.now())}_${String(schemas)}`;
  await withDataSource(base, (db) => db.query(`CREATE SCHEMA "${schema}"`));
  const url = new URL(base);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** Removes a database made by TestDatabase.create: the SQLite file's directory, or the schema. */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  if (databaseKind(databaseUrl) === "sqlite") {
    rmSync(path.dirname(sqlitePath(databaseUrl)), { recursive: true, force: true });
    return;
  }
  const url = new URL(databaseUrl);
  const schema = /search_path=(\w+)/.exec(url.searchParams.get("options") ?? "")?.[1];
  if (schema === undefined) {
    return;
  }
  url.searchParams.delete("options");
  await withDataSource(url.toString(), (db) => db.query(`DROP SCHEMA "${schema}" CASCADE`));
}

async function withDataSource(
  databaseUrl: string,
  use: (db: DataSource) => Promise<unknown>,
): Promise<void> {
  const db = new DataSource(dataSourceOptions(databaseUrl));
  await db.initialize();
  try {
    await use(db);
  } finally {
    await db.destroy();
  }
}

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
