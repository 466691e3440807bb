/** What differs between the databases in the errors they raise. */

import { QueryFailedError } from "typeorm";

/** Reports whether err is a violated unique constraint, on PostgreSQL or SQLite. */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) {
    return false;
  }
  const driverError: unknown = err.driverError;
  if (typeof driverError !== "object" || driverError === null || !("code" in driverError)) {
    return false;
  }
  // 23505 is PostgreSQL's unique_violation; better-sqlite3 names SQLite's extended code.
  return driverError.code === "23505" || driverError.code === "SQLITE_CONSTRAINT_UNIQUE";
}
