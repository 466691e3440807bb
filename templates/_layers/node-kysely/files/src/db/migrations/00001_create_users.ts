/**
 * Creates the users table. A released migration never changes: a later
 * change to the schema is a new migration.
 */

import { sql, type Kysely } from "kysely";

import type { DialectName } from "../database";

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const pg = dialect === "postgres";
  await db.schema
    .createTable("users")
    .addColumn("id", pg ? "bigint" : "integer", (col) =>
      // SQLite's AUTOINCREMENT never reuses an id, not even the highest one deleted.
      pg ? col.generatedAlwaysAsIdentity().primaryKey() : col.primaryKey().autoIncrement(),
    )
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("created_at", pg ? sql`timestamptz(3)` : "text", (col) => col.notNull())
    .addColumn("updated_at", pg ? sql`timestamptz(3)` : "text", (col) => col.notNull())
    .execute();
  // An email is unique in any letter case.
  await db.schema
    .createIndex("users_email_key")
    .on("users")
    .unique()
    .column(sql`lower(email)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("users").execute();
}
