/**
 * The business rules of users: paging, the time of every write (taken once,
 * in whole milliseconds), partial updates, and the contract's 404 and 409.
 */

import { Injectable } from "@nestjs/common";

import { conflictEmail, notFoundItem } from "../../contract/problem";
import type { Paging } from "../../contract/rules";
import type { CreateUserDto } from "./dto/create-user.dto";
import type { UpdateUserDto } from "./dto/update-user.dto";
import type { UserEntity } from "./entities/user.entity";
import { EmailTakenError, UsersRepository, type UserChanges } from "./users.repository";

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async findAll(paging: Paging): Promise<{ data: UserEntity[]; total: number } & Paging> {
    const { data, total } = await this.users.findPage(paging);
    return { data, total, page: paging.page, limit: paging.limit };
  }

  async findOne(id: string): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (user === undefined) {
      throw notFoundItem("user", id);
    }
    return user;
  }

  async create(input: CreateUserDto): Promise<UserEntity> {
    const now = new Date();
    try {
      return await this.users.create({
        name: input.name,
        email: input.email,
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      throw err instanceof EmailTakenError ? conflictEmail() : err;
    }
  }

  /** Changes the fields present in input; {} changes nothing, updated_at included. */
  async update(id: string, input: UpdateUserDto): Promise<UserEntity> {
    const changes: UserChanges = { updatedAt: new Date() };
    if (input.name !== undefined) {
      changes.name = input.name;
    }
    if (input.email !== undefined) {
      changes.email = input.email;
    }
    if (input.name === undefined && input.email === undefined) {
      return this.findOne(id);
    }
    let user: UserEntity | undefined;
    try {
      user = await this.users.update(id, changes);
    } catch (err) {
      throw err instanceof EmailTakenError ? conflictEmail() : err;
    }
    if (user === undefined) {
      throw notFoundItem("user", id);
    }
    return user;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.users.delete(id))) {
      throw notFoundItem("user", id);
    }
  }
}
