import type { DataSource } from "typeorm";

import { dropTestDatabase, openMigrated, testDatabases } from "../../../test/support/databases";
import { UserEntity } from "./entities/user.entity";
import { EmailTakenError, TypeOrmUsersRepository } from "./users.repository";

describe.each(testDatabases())("TypeOrmUsersRepository on $name", ({ create: createDatabase }) => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let repository: TypeOrmUsersRepository;
  const tag = `${String(process.pid)}-${String(Date.now())}`;
  const email = (local: string): string => `${local}.${tag}@example.com`;

  beforeAll(async () => {
    databaseUrl = await createDatabase();
    dataSource = await openMigrated(databaseUrl, [UserEntity]);
    repository = new TypeOrmUsersRepository(dataSource.getRepository(UserEntity));
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(databaseUrl);
  });

  async function create(name: string, local: string): Promise<UserEntity> {
    const now = new Date();
    return repository.create({
      name,
      email: email(local),
      createdAt: now,
      updatedAt: now,
    });
  }

  it("inserts, reads back the same values, ids as decimal strings", async () => {
    const user = await create("Ada", "ada");
    expect(user.id).toMatch(/^[1-9][0-9]*$/);
    const read = await repository.findById(user.id);
    expect(read).toEqual(user);
    expect(read?.createdAt.toISOString()).toBe(user.createdAt.toISOString());
  });

  it("refuses an email another user has in any letter case, from the unique index", async () => {
    await create("Bea", "bea");
    const now = new Date();
    await expect(
      repository.create({
        name: "Copy",
        email: email("BEA").toUpperCase(),
        createdAt: now,
        updatedAt: now,
      }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    const other = await create("Cy", "cy");
    await expect(
      repository.update(other.id, { email: email("bea").toUpperCase(), updatedAt: now }),
    ).rejects.toBeInstanceOf(EmailTakenError);
  });

  it("pages in id order and counts every row", async () => {
    const mine = [await create("P1", "p1"), await create("P2", "p2"), await create("P3", "p3")];
    const { total } = await repository.findPage({ page: 1, limit: 1 });
    const all = await repository.findPage({ page: 1, limit: 100 });
    expect(all.total).toBe(total);
    const ids = all.data.map((u) => BigInt(u.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    for (const user of mine) {
      expect(all.data.map((u) => u.id)).toContain(user.id);
    }
  });

  it("updates and deletes by id, and reports ids it does not have", async () => {
    const user = await create("Dee", "dee");
    const later = new Date(user.updatedAt.getTime() + 1000);
    const updated = await repository.update(user.id, { name: "Dee D.", updatedAt: later });
    expect(updated).toMatchObject({ id: user.id, name: "Dee D.", email: user.email });
    expect(updated?.updatedAt.toISOString()).toBe(later.toISOString());
    expect(await repository.delete(user.id)).toBe(true);
    expect(await repository.findById(user.id)).toBeUndefined();
    expect(await repository.update(user.id, { name: "X", updatedAt: later })).toBeUndefined();
    expect(await repository.delete(user.id)).toBe(false);
    expect(await repository.findById("9223372036854775807")).toBeUndefined();
  });
});
