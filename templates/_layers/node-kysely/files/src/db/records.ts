/**
 * Rows to records: what repositories answer, the same on both databases.
 *
 * API (shared by the templates that list the node-kysely layer):
 * - `UserRecord`, `ItemRecord`: a user and a feature module's item with the
 *   contract's fields; `id` is the decimal string of the 64-bit id, timestamps
 *   are `YYYY-MM-DDTHH:MM:SS.mmmZ`.
 * - `toUserRecord(row)`, `toItemRecord(row)`: map a selected row.
 * - `idOf(value)`, `countOf(value)`, `timestampOf(value)`: the column conversions.
 * - `currentTimestamp()`: the time of a write, in whole milliseconds, as stored and answered.
 */

import type { Selectable } from "kysely";

import type { ItemTable, UserTable } from "./database";

/** A stored user. */
export interface UserRecord {
  id: string;
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** A stored item of a feature module. */
export interface ItemRecord {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** An id as the drivers return it (string from pg, bigint from SQLite) as a decimal string. */
export function idOf(value: string | bigint | number): string {
  return typeof value === "string" ? value : value.toString();
}

/** A count(*) as the drivers return it, as a number. */
export function countOf(value: string | bigint | number): number {
  return Number(value);
}

/** A timestamp as the drivers return it (Date from pg, text from SQLite) in the contract's form. */
export function timestampOf(value: Date | string): string {
  return typeof value === "string" ? value : value.toISOString();
}

/**
 * The time of a write: taken once, in whole milliseconds (a Date has no
 * more), in the form that is stored and answered.
 */
export function currentTimestamp(): string {
  return new Date().toISOString();
}

/** The record of a selected users row. */
export function toUserRecord(row: Selectable<UserTable>): UserRecord {
  return {
    id: idOf(row.id),
    name: row.name,
    email: row.email,
    created_at: timestampOf(row.created_at),
    updated_at: timestampOf(row.updated_at),
  };
}

/** The record of a selected row of a feature module's table. */
export function toItemRecord(row: Selectable<ItemTable>): ItemRecord {
  return {
    id: idOf(row.id),
    name: row.name,
    description: row.description,
    created_at: timestampOf(row.created_at),
    updated_at: timestampOf(row.updated_at),
  };
}
