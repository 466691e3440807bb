import type { DatabaseHandle } from "../../src/db/database";
import { testDatabases } from "../../src/db/testing";
import { EmailTakenError } from "../../src/models/errors";
import { KyselyUserRepository } from "../../src/repositories/user.repository";

const AT = "2025-01-02T03:04:05.678Z";
const LATER = "2025-01-02T03:04:06.789Z";

describe.each(testDatabases())("KyselyUserRepository on $name", ({ open }) => {
  let database: DatabaseHandle;
  let repository: KyselyUserRepository;

  beforeEach(async () => {
    database = await open();
    repository = new KyselyUserRepository(database.db);
  });

  afterEach(async () => {
    await database.close();
  });

  const user = (n: number) => ({
    name: `User ${String(n)}`,
    email: `user${String(n)}@example.com`,
    created_at: AT,
    updated_at: AT,
  });

  it("stores a user and finds it with the timestamps as written", async () => {
    const created = await repository.create(user(1));
    expect(created).toEqual({ id: "1", ...user(1) });
    await expect(repository.find(created.id)).resolves.toEqual(created);
    await expect(repository.find("9223372036854775807")).resolves.toBeUndefined();
  });

  it("lists a page in id order and counts all", async () => {
    for (let n = 1; n <= 5; n++) {
      await repository.create(user(n));
    }
    const page = await repository.list(2, 2);
    expect(page.map((u) => u.id)).toEqual(["3", "4"]);
    await expect(repository.count()).resolves.toBe(5);
    await expect(repository.list(10, 2)).resolves.toEqual([]);
  });

  it("refuses an email another user has in any letter case, on create and update", async () => {
    const ada = await repository.create({ ...user(1), email: "ada@example.com" });
    await expect(repository.create({ ...user(2), email: "ADA@Example.com" })).rejects.toThrow(
      EmailTakenError,
    );
    const eve = await repository.create({ ...user(3), email: "eve@example.com" });
    await expect(
      repository.update(eve.id, { email: "Ada@example.com", updated_at: LATER }),
    ).rejects.toThrow(EmailTakenError);
    await expect(
      repository.update(ada.id, { email: "ADA@example.com", updated_at: LATER }),
    ).resolves.toMatchObject({ email: "ADA@example.com" });
  });

  it("updates only the fields given", async () => {
    const created = await repository.create(user(1));
    const updated = await repository.update(created.id, { name: "Renamed", updated_at: LATER });
    expect(updated).toEqual({ ...created, name: "Renamed", updated_at: LATER });
    await expect(
      repository.update("42", { name: "x", updated_at: LATER }),
    ).resolves.toBeUndefined();
  });

  it("deletes, frees the email, and never reuses the id", async () => {
    const created = await repository.create(user(1));
    await expect(repository.delete(created.id)).resolves.toBe(true);
    await expect(repository.delete(created.id)).resolves.toBe(false);
    await expect(repository.find(created.id)).resolves.toBeUndefined();
    await expect(repository.create(user(1))).resolves.toMatchObject({ id: "2" });
  });
});
