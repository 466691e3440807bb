/**
 * Data access for users: the interface the service depends on, and its
 * TypeORM implementation.
 */

import { Injectable } from "@nestjs/common";
import { InjectRepository } from "@nestjs/typeorm";
import type { Repository } from "typeorm";

import { offsetOf, type Paging } from "../../contract/rules";
import { isUniqueViolation } from "../../database/errors";
import { withStringId } from "../../database/ids";
import { UserEntity } from "./entities/user.entity";

/** A user to insert: the service sets the timestamps. */
export type NewUser = Omit<UserEntity, "id">;

/** The fields of a user to change, with the time of the change. */
export interface UserChanges {
  name?: string;
  email?: string;
  updatedAt: Date;
}

/** One page of users and how many there are in all. */
export interface UserPage {
  data: UserEntity[];
  total: number;
}

/** Another user has the email, in some letter case. */
export class EmailTakenError extends Error {
  constructor() {
    super("email taken");
    this.name = "EmailTakenError";
  }
}

/** What the users service needs of storage; tests give it an in-memory one. */
export abstract class UsersRepository {
  /** The users of a page, in id order, and the total. */
  abstract findPage(paging: Paging): Promise<UserPage>;
  /** The user with the id, or undefined. */
  abstract findById(id: string): Promise<UserEntity | undefined>;
  /** Inserts a user; throws EmailTakenError when the email is another user's. */
  abstract create(user: NewUser): Promise<UserEntity>;
  /** Changes a user; undefined when there is none with the id; throws EmailTakenError. */
  abstract update(id: string, changes: UserChanges): Promise<UserEntity | undefined>;
  /** Deletes a user; false when there is none with the id. */
  abstract delete(id: string): Promise<boolean>;
}

@Injectable()
export class TypeOrmUsersRepository extends UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {
    super();
  }

  async findPage(paging: Paging): Promise<UserPage> {
    const [data, total] = await this.users.findAndCount({
      order: { id: "ASC" },
      skip: offsetOf(paging),
      take: paging.limit,
    });
    return { data: data.map(withStringId), total };
  }

  async findById(id: string): Promise<UserEntity | undefined> {
    const user = await this.users.findOneBy({ id });
    return user === null ? undefined : withStringId(user);
  }

  async create(user: NewUser): Promise<UserEntity> {
    try {
      return withStringId(await this.users.save(this.users.create(user)));
    } catch (err) {
      throw isUniqueViolation(err) ? new EmailTakenError() : err;
    }
  }

  async update(id: string, changes: UserChanges): Promise<UserEntity | undefined> {
    try {
      const result = await this.users.update({ id }, changes);
      if (result.affected === 0) {
        return undefined;
      }
    } catch (err) {
      throw isUniqueViolation(err) ? new EmailTakenError() : err;
    }
    return this.findById(id);
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.users.delete({ id });
    return result.affected !== 0;
  }
}
