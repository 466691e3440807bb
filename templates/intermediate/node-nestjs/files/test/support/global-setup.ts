/**
 * Jest's global setup: migrates the PostgreSQL test database once, before
 * the test files run in parallel (each SQLite file is migrated by its test).
 */

import { openMigrated } from "./databases";

export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined || url === "") {
    return;
  }
  const dataSource = await openMigrated(url);
  await dataSource.destroy();
}
