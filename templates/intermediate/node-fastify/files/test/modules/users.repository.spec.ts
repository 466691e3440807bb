import { testDatabases } from "../../src/db/testing";
import type { DatabaseHandle } from "../../src/db/database";
import { EmailTakenError, KyselyUsersRepository } from "../../src/modules/users/users.repository";

const T1 = "2025-01-02T03:04:05.678Z";
const T2 = "2025-01-02T03:04:06.789Z";

describe.each(testDatabases())("KyselyUsersRepository on $name", ({ open }) => {
  let handle: DatabaseHandle;
  let repository: KyselyUsersRepository;

  beforeEach(async () => {
    handle = await open();
    repository = new KyselyUsersRepository(handle.db);
  });

  afterEach(async () => {
    await handle.close();
  });

  it("stores, finds, updates and deletes a user, keeping the timestamps as written", async () => {
    const ada = await repository.create({
      name: "Ada",
      email: "Ada@example.com",
      created_at: T1,
      updated_at: T1,
    });
    expect(ada).toEqual({
      id: expect.stringMatching(/^[1-9][0-9]*$/) as unknown,
      name: "Ada",
      email: "Ada@example.com",
      created_at: T1,
      updated_at: T1,
    });
    await expect(repository.find(ada.id)).resolves.toEqual(ada);
    const changed = await repository.update(ada.id, { name: "Ada L.", updated_at: T2 });
    expect(changed).toEqual({ ...ada, name: "Ada L.", updated_at: T2 });
    await expect(repository.delete(ada.id)).resolves.toBe(true);
    await expect(repository.delete(ada.id)).resolves.toBe(false);
    await expect(repository.find(ada.id)).resolves.toBeUndefined();
    await expect(
      repository.update(ada.id, { name: "Ghost", updated_at: T2 }),
    ).resolves.toBeUndefined();
  });

  it("refuses an email another user has in any letter case, on create and update", async () => {
    await repository.create({
      name: "Ada",
      email: "ada@example.com",
      created_at: T1,
      updated_at: T1,
    });
    const bob = await repository.create({
      name: "Bob",
      email: "bob@example.com",
      created_at: T1,
      updated_at: T1,
    });
    await expect(
      repository.create({
        name: "Other",
        email: "ADA@EXAMPLE.COM",
        created_at: T1,
        updated_at: T1,
      }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    await expect(
      repository.update(bob.id, { email: "Ada@Example.com", updated_at: T2 }),
    ).rejects.toBeInstanceOf(EmailTakenError);
    await expect(
      repository.update(bob.id, { email: "BOB@example.com", updated_at: T2 }),
    ).resolves.toMatchObject({
      email: "BOB@example.com",
    });
  });

  it("lists by ascending id from an offset, with the total, and never reuses an id", async () => {
    const ids: string[] = [];
    for (const n of ["1", "2", "3"]) {
      ids.push(
        (
          await repository.create({
            name: `U${n}`,
            email: `u${n}@example.com`,
            created_at: T1,
            updated_at: T1,
          })
        ).id,
      );
    }
    const page = await repository.list(1, 5);
    expect(page.total).toBe(3);
    expect(page.data.map((u) => u.id)).toEqual(ids.slice(1));
    await repository.delete(ids[2] ?? "");
    const next = await repository.create({
      name: "U4",
      email: "u4@example.com",
      created_at: T1,
      updated_at: T1,
    });
    expect(BigInt(next.id) > BigInt(ids[2] ?? "0")).toBe(true);
  });

  it("finds nothing for the largest id", async () => {
    await expect(repository.find("9223372036854775807")).resolves.toBeUndefined();
  });
});
