import { HttpProblem } from "../../contract/problem";
import type { Paging } from "../../contract/rules";
import { CreateUserDto } from "./dto/create-user.dto";
import { UpdateUserDto } from "./dto/update-user.dto";
import { UserEntity } from "./entities/user.entity";
import {
  EmailTakenError,
  UsersRepository,
  type NewUser,
  type UserChanges,
  type UserPage,
} from "./users.repository";
import { UsersService } from "./users.service";

/** Users in memory, with the unique email in any letter case that the database enforces. */
class InMemoryUsersRepository extends UsersRepository {
  readonly rows = new Map<string, UserEntity>();
  private next = 1;

  findPage({ page, limit }: Paging): Promise<UserPage> {
    const all = [...this.rows.values()].sort((a, b) => Number(a.id) - Number(b.id));
    return Promise.resolve({
      data: all.slice((page - 1) * limit, page * limit),
      total: all.length,
    });
  }

  findById(id: string): Promise<UserEntity | undefined> {
    const user = this.rows.get(id);
    return Promise.resolve(user === undefined ? undefined : copy(user));
  }

  create(user: NewUser): Promise<UserEntity> {
    this.assertFree(user.email, undefined);
    const row = Object.assign(new UserEntity(), user, { id: String(this.next++) });
    this.rows.set(row.id, row);
    return Promise.resolve(copy(row));
  }

  update(id: string, changes: UserChanges): Promise<UserEntity | undefined> {
    const user = this.rows.get(id);
    if (user === undefined) {
      return Promise.resolve(undefined);
    }
    if (changes.email !== undefined) {
      this.assertFree(changes.email, id);
    }
    Object.assign(user, changes);
    return Promise.resolve(copy(user));
  }

  delete(id: string): Promise<boolean> {
    return Promise.resolve(this.rows.delete(id));
  }

  private assertFree(email: string, except: string | undefined): void {
    for (const row of this.rows.values()) {
      if (row.id !== except && row.email.toLowerCase() === email.toLowerCase()) {
        throw new EmailTakenError();
      }
    }
  }
}

function copy(user: UserEntity): UserEntity {
  return Object.assign(new UserEntity(), user);
}

const create = (fields: Pick<CreateUserDto, "name" | "email">): CreateUserDto =>
  Object.assign(new CreateUserDto(), fields);
const update = (fields: Partial<UpdateUserDto>): UpdateUserDto =>
  Object.assign(new UpdateUserDto(), fields);

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof HttpProblem) {
      return err;
    }
    throw err;
  }
  throw new Error("expected an HttpProblem");
}

describe("UsersService", () => {
  let repository: InMemoryUsersRepository;
  let service: UsersService;

  beforeEach(() => {
    repository = new InMemoryUsersRepository();
    service = new UsersService(repository);
  });

  it("creates a user with both timestamps the same whole millisecond", async () => {
    const user = await service.create(create({ name: "Ada", email: "ada@example.com" }));
    expect(user).toMatchObject({ id: "1", name: "Ada", email: "ada@example.com" });
    expect(user.updatedAt.getTime()).toBe(user.createdAt.getTime());
  });

  it("answers 409 for an email another user has in any letter case", async () => {
    await service.create(create({ name: "Ada", email: "ada@example.com" }));
    const problem = await problemOf(
      service.create(create({ name: "Copy", email: "ADA@Example.com" })),
    );
    expect(problem.status).toBe(409);
    expect(problem.detail).toBe("A user with this email already exists.");
  });

  it("pages in id order with the total", async () => {
    for (const n of [1, 2, 3]) {
      await service.create(create({ name: `U${String(n)}`, email: `u${String(n)}@example.com` }));
    }
    const page = await service.findAll({ page: 2, limit: 2 });
    expect(page.data.map((u) => u.name)).toEqual(["U3"]);
    expect(page).toMatchObject({ total: 3, page: 2, limit: 2 });
    expect((await service.findAll({ page: 3, limit: 2 })).data).toEqual([]);
  });

  it("changes only the fields given, and nothing for {}", async () => {
    const user = await service.create(create({ name: "Ada", email: "ada@example.com" }));
    const same = await service.update(user.id, update({}));
    expect(same).toEqual(user);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const renamed = await service.update(user.id, update({ name: "Ada L." }));
    expect(renamed).toMatchObject({ name: "Ada L.", email: "ada@example.com" });
    expect(renamed.updatedAt.getTime()).toBeGreaterThan(user.updatedAt.getTime());
    expect(renamed.createdAt).toEqual(user.createdAt);
  });

  it("lets a user change the case of its own email but not take another's", async () => {
    const ada = await service.create(create({ name: "Ada", email: "ada@example.com" }));
    const bob = await service.create(create({ name: "Bob", email: "bob@example.com" }));
    expect((await service.update(ada.id, update({ email: "ADA@example.com" }))).email).toBe(
      "ADA@example.com",
    );
    expect(
      (await problemOf(service.update(bob.id, update({ email: "Ada@Example.com" })))).status,
    ).toBe(409);
  });

  it("answers 404 naming the user for an id no user has", async () => {
    for (const call of [
      service.findOne("42"),
      service.update("42", update({ name: "X" })),
      service.update("42", update({})),
      service.remove("42"),
    ]) {
      const problem = await problemOf(call);
      expect(problem.status).toBe(404);
      expect(problem.detail).toBe("No user has the id 42.");
    }
  });

  it("deletes for good", async () => {
    const user = await service.create(create({ name: "Ada", email: "ada@example.com" }));
    await service.remove(user.id);
    expect((await problemOf(service.findOne(user.id))).status).toBe(404);
    await service.create(create({ name: "Ada again", email: "ada@example.com" }));
  });
});
