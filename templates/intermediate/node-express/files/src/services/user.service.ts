/**
 * The business rules of users: paging, the time of every write, partial
 * updates, and the errors a client can cause (no such user, email taken).
 */

import { offsetOf, type Paging } from "../contract/rules";
import { NotFoundError } from "../models/errors";
import type { Page } from "../models/page.model";
import type { User, UserCreate, UserUpdate } from "../models/user.model";
import type { UserRepository } from "../repositories/user.repository";
import { systemClock, type Clock } from "../utils/clock";

export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly clock: Clock = systemClock,
  ) {}

  /** One page of users in id order, with the total. */
  async list(paging: Paging): Promise<Page<User>> {
    const [data, total] = await Promise.all([
      this.users.list(offsetOf(paging), paging.limit),
      this.users.count(),
    ]);
    return { data, total, page: paging.page, limit: paging.limit };
  }

  /** The user with the id; NotFoundError when there is none. */
  async get(id: string): Promise<User> {
    const user = await this.users.find(id);
    if (user === undefined) {
      throw new NotFoundError("user", id);
    }
    return user;
  }

  /** Creates a user; EmailTakenError when another user has the email in any letter case. */
  create(input: UserCreate): Promise<User> {
    const now = this.clock();
    return this.users.create({ ...input, created_at: now, updated_at: now });
  }

  /**
   * Changes the fields given; an empty update changes nothing (updated_at
   * included). NotFoundError when there is no such user, EmailTakenError
   * when another user has the email.
   */
  async update(id: string, input: UserUpdate): Promise<User> {
    if (input.name === undefined && input.email === undefined) {
      return this.get(id);
    }
    const user = await this.users.update(id, { ...input, updated_at: this.clock() });
    if (user === undefined) {
      throw new NotFoundError("user", id);
    }
    return user;
  }

  /** Deletes the user; NotFoundError when there is none. */
  async delete(id: string): Promise<void> {
    if (!(await this.users.delete(id))) {
      throw new NotFoundError("user", id);
    }
  }
}
