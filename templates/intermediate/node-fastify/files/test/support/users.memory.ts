/**
 * An in-memory UsersRepository for the service tests: ids ascend and are
 * never reused, emails are unique in any (ASCII) letter case, as the
 * database's unique index on lower(email) has them.
 */

import type { StoredPage } from "../../src/common/page";
import {
  EmailTakenError,
  type NewUser,
  type UserChanges,
  type UserRecord,
  type UsersRepository,
} from "../../src/modules/users/users.repository";

export class MemoryUsersRepository implements UsersRepository {
  private readonly users = new Map<string, UserRecord>();
  private lastId = 0n;

  list(offset: number, limit: number): Promise<StoredPage<UserRecord>> {
    const all = [...this.users.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    return Promise.resolve({ data: all.slice(offset, offset + limit), total: all.length });
  }

  find(id: string): Promise<UserRecord | undefined> {
    return Promise.resolve(this.users.get(id));
  }

  create(user: NewUser): Promise<UserRecord> {
    if (this.taken(user.email)) {
      return Promise.reject(new EmailTakenError());
    }
    this.lastId += 1n;
    const record = { id: this.lastId.toString(), ...user };
    this.users.set(record.id, record);
    return Promise.resolve({ ...record });
  }

  update(id: string, changes: UserChanges): Promise<UserRecord | undefined> {
    const user = this.users.get(id);
    if (user === undefined) {
      return Promise.resolve(undefined);
    }
    if (changes.email !== undefined && this.taken(changes.email, id)) {
      return Promise.reject(new EmailTakenError());
    }
    const record = { ...user, ...changes };
    this.users.set(id, record);
    return Promise.resolve({ ...record });
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.users.delete(id));
  }

  private taken(email: string, exceptId?: string): boolean {
    const folded = email.toLowerCase();
    return [...this.users.values()].some(
      (u) => u.id !== exceptId && u.email.toLowerCase() === folded,
    );
  }
}
