/**
 * Where users are kept: the UsersRepository the service depends on, and its
 * Kysely implementation on PostgreSQL or SQLite (the same queries on both).
 * An email is unique in any letter case: the database's unique index on
 * lower(email) decides, and a violation is an EmailTakenError.
 */

import type { Kysely } from "kysely";

import type { StoredPage } from "../../common/page";
import { isUniqueViolation, type Database } from "../../db/database";
import { countOf, toUserRecord, type UserRecord } from "../../db/records";

export type { UserRecord } from "../../db/records";

/** A user to store, with the time of its creation. */
export interface NewUser {
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** The fields of a user to change, with the time of the change. */
export interface UserChanges {
  name?: string;
  email?: string;
  updated_at: string;
}

/** Another user has the email, in some letter case. */
export class EmailTakenError extends Error {
  constructor() {
    super("another user has this email");
    this.name = "EmailTakenError";
  }
}

export interface UsersRepository {
  /** The users from offset, at most limit, by ascending id, and the count of all. */
  list(offset: number, limit: number): Promise<StoredPage<UserRecord>>;
  /** The user with the id, or undefined. */
  find(id: string): Promise<UserRecord | undefined>;
  /** Stores a new user; throws EmailTakenError. */
  create(user: NewUser): Promise<UserRecord>;
  /** Changes a user; undefined when there is none with the id; throws EmailTakenError. */
  update(id: string, changes: UserChanges): Promise<UserRecord | undefined>;
  /** Deletes a user; false when there was none with the id. */
  delete(id: string): Promise<boolean>;
}

export class KyselyUsersRepository implements UsersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(offset: number, limit: number): Promise<StoredPage<UserRecord>> {
    const [rows, count] = await Promise.all([
      this.db.selectFrom("users").selectAll().orderBy("id").limit(limit).offset(offset).execute(),
      this.db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("total"))
        .executeTakeFirstOrThrow(),
    ]);
    return { data: rows.map(toUserRecord), total: countOf(count.total) };
  }

  async find(id: string): Promise<UserRecord | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : toUserRecord(row);
  }

  async create(user: NewUser): Promise<UserRecord> {
    try {
      const row = await this.db
        .insertInto("users")
        .values(user)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUserRecord(row);
    } catch (err) {
      throw isUniqueViolation(err) ? new EmailTakenError() : err;
    }
  }

  async update(id: string, changes: UserChanges): Promise<UserRecord | undefined> {
    try {
      const row = await this.db
        .updateTable("users")
        .set(changes)
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toUserRecord(row);
    } catch (err) {
      throw isUniqueViolation(err) ? new EmailTakenError() : err;
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
