/**
 * The users' business rules: the time of every write (taken once, in whole
 * milliseconds, so that the answer equals a later read), partial updates
 * (an empty one changes nothing, updated_at included), paging, and what a
 * missing user or a taken email means to the API.
 */

import type { Page } from "../../common/page";
import { conflictEmail, notFoundItem } from "../../contract/problem";
import { offsetOf, type Paging } from "../../contract/rules";
import { currentTimestamp } from "../../db/records";
import { EmailTakenError, type UserRecord, type UsersRepository } from "./users.repository";

/** The fields of a new user, trimmed and valid. */
export interface CreateUser {
  name: string;
  email: string;
}

/** The fields to change, trimmed and valid; absent ones stay as they are. */
export interface UpdateUser {
  name?: string;
  email?: string;
}

export type { UserRecord } from "./users.repository";

export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly now: () => string = currentTimestamp,
  ) {}

  async list(paging: Paging): Promise<Page<UserRecord>> {
    const { data, total } = await this.repository.list(offsetOf(paging), paging.limit);
    return { data, total, page: paging.page, limit: paging.limit };
  }

  async get(id: string): Promise<UserRecord> {
    const user = await this.repository.find(id);
    if (user === undefined) {
      throw notFoundItem("user", id);
    }
    return user;
  }

  async create(input: CreateUser): Promise<UserRecord> {
    const now = this.now();
    return this.unique(() =>
      this.repository.create({
        name: input.name,
        email: input.email,
        created_at: now,
        updated_at: now,
      }),
    );
  }

  async update(id: string, input: UpdateUser): Promise<UserRecord> {
    if (input.name === undefined && input.email === undefined) {
      return this.get(id);
    }
    const changes = { ...input, updated_at: this.now() };
    const user = await this.unique(() => this.repository.update(id, changes));
    if (user === undefined) {
      throw notFoundItem("user", id);
    }
    return user;
  }

  async delete(id: string): Promise<void> {
    if (!(await this.repository.delete(id))) {
      throw notFoundItem("user", id);
    }
  }

  /** Runs a write, answering a taken email as the API's 409. */
  private async unique<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      throw err instanceof EmailTakenError ? conflictEmail() : err;
    }
  }
}
