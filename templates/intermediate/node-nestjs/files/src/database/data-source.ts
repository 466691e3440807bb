/**
 * The TypeORM data source of the application, PostgreSQL (pg) or SQLite
 * (better-sqlite3) by DATABASE_URL. The schema is the migrations' alone:
 * TypeORM never synchronizes it, and the server does not migrate on start
 * (`node dist/main.js migrate` does).
 */

import type { DataSourceOptions } from "typeorm";

import { databaseKind, sqlitePath } from "../config/config";
import { MIGRATIONS } from "./migrations";

/** How long a query may wait for a PostgreSQL connection. */
const CONNECT_TIMEOUT_MS = 2000;

/** The data source options for databaseUrl, with the given entities. */
export function dataSourceOptions(
  databaseUrl: string,
  entities: NonNullable<DataSourceOptions["entities"]> = [],
): DataSourceOptions {
  const common = {
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: "migrations",
    migrationsRun: false,
    synchronize: false,
    logging: false,
  } as const;
  if (databaseKind(databaseUrl) === "sqlite") {
    return {
      ...common,
      type: "better-sqlite3",
      database: sqlitePath(databaseUrl),
      enableWAL: true,
      timeout: 5000,
    };
  }
  return {
    ...common,
    type: "postgres",
    url: databaseUrl,
    extra: { max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
  };
}
