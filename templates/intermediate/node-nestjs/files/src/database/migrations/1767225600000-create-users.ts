/**
 * Creates the users table, on PostgreSQL or SQLite. A released migration
 * never changes: a later change to the schema is a new migration.
 */

import type { MigrationInterface, QueryRunner } from "typeorm";

export class CreateUsers1767225600000 implements MigrationInterface {
  name = "CreateUsers1767225600000";

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.dataSource.options.type === "postgres") {
      await queryRunner.query(`CREATE TABLE users (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name text NOT NULL,
        email text NOT NULL,
        created_at timestamptz(3) NOT NULL,
        updated_at timestamptz(3) NOT NULL
      )`);
    } else {
      // AUTOINCREMENT: SQLite never reuses an id, not even the highest one deleted.
      await queryRunner.query(`CREATE TABLE users (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`);
    }
    // An email is unique in any letter case (the address syntax is ASCII).
    await queryRunner.query("CREATE UNIQUE INDEX users_email_key ON users (lower(email))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE users");
  }
}
