import { EmailTakenError } from "../../src/models/errors";
import type { User } from "../../src/models/user.model";
import type { NewUser, UserChanges, UserRepository } from "../../src/repositories/user.repository";

/** A UserRepository in a Map, for the service's unit tests: same contract as the SQL one. */
export class InMemoryUserRepository implements UserRepository {
  private readonly users = new Map<string, User>();
  private lastId = 0n;

  count(): Promise<number> {
    return Promise.resolve(this.users.size);
  }

  list(offset: number, limit: number): Promise<User[]> {
    const sorted = [...this.users.values()].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
    return Promise.resolve(sorted.slice(offset, offset + limit));
  }

  find(id: string): Promise<User | undefined> {
    return Promise.resolve(this.users.get(id));
  }

  create(user: NewUser): Promise<User> {
    if (this.emailTaken(user.email)) {
      return Promise.reject(new EmailTakenError());
    }
    this.lastId += 1n;
    const created = { id: this.lastId.toString(), ...user };
    this.users.set(created.id, created);
    return Promise.resolve(created);
  }

  update(id: string, changes: UserChanges): Promise<User | undefined> {
    const user = this.users.get(id);
    if (user === undefined) {
      return Promise.resolve(undefined);
    }
    if (changes.email !== undefined && this.emailTaken(changes.email, id)) {
      return Promise.reject(new EmailTakenError());
    }
    const updated: User = {
      ...user,
      name: changes.name ?? user.name,
      email: changes.email ?? user.email,
      updated_at: changes.updated_at,
    };
    this.users.set(id, updated);
    return Promise.resolve(updated);
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.users.delete(id));
  }

  /** Whether a user other than except has the email in any letter case. */
  private emailTaken(email: string, except?: string): boolean {
    const folded = email.toLowerCase();
    return [...this.users.values()].some(
      (u) => u.id !== except && u.email.toLowerCase() === folded,
    );
  }
}
