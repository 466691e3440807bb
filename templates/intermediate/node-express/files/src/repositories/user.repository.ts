/**
 * Where users are kept: the interface the service depends on, and its
 * implementation in SQL with Kysely (PostgreSQL or SQLite alike).
 */

import type { Kysely } from "kysely";

import { isUniqueViolation, type Database } from "../db/database";
import { countOf, toUserRecord } from "../db/records";
import { EmailTakenError } from "../models/errors";
import type { User } from "../models/user.model";

/** The fields of a new user, with the time of its creation. */
export interface NewUser {
  name: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** The fields a PATCH changes (absent: unchanged) and the time of the change. */
export interface UserChanges {
  name?: string | undefined;
  email?: string | undefined;
  updated_at: string;
}

export interface UserRepository {
  /** How many users there are. */
  count(): Promise<number>;
  /** Up to limit users in id order, after skipping offset. */
  list(offset: number, limit: number): Promise<User[]>;
  find(id: string): Promise<User | undefined>;
  /** Stores a user; throws EmailTakenError when another has the email in any letter case. */
  create(user: NewUser): Promise<User>;
  /** Changes a user; undefined when none has the id; throws EmailTakenError like create. */
  update(id: string, changes: UserChanges): Promise<User | undefined>;
  /** Deletes a user; false when none has the id. */
  delete(id: string): Promise<boolean>;
}

export class KyselyUserRepository implements UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    return countOf(row.n);
  }

  async list(offset: number, limit: number): Promise<User[]> {
    const rows = await this.db
      .selectFrom("users")
      .selectAll()
      .orderBy("id")
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toUserRecord);
  }

  async find(id: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row === undefined ? undefined : toUserRecord(row);
  }

  async create(user: NewUser): Promise<User> {
    try {
      const row = await this.db
        .insertInto("users")
        .values(user)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUserRecord(row);
    } catch (err) {
      throw isUniqueViolation(err) ? new EmailTakenError({ cause: err }) : err;
    }
  }

  async update(id: string, changes: UserChanges): Promise<User | undefined> {
    try {
      const row = await this.db
        .updateTable("users")
        .set({
          updated_at: changes.updated_at,
          ...(changes.name === undefined ? {} : { name: changes.name }),
          ...(changes.email === undefined ? {} : { email: changes.email }),
        })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : toUserRecord(row);
    } catch (err) {
      throw isUniqueViolation(err) ? new EmailTakenError({ cause: err }) : err;
    }
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }
}
