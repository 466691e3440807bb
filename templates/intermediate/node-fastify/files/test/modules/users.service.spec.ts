import { HttpProblem } from "../../src/contract/problem";
import { UsersService } from "../../src/modules/users/users.service";
import { MemoryUsersRepository } from "../support/users.memory";

/** A clock that ticks a millisecond a call, from a fixed time. */
function clock(): () => string {
  let t = Date.parse("2025-01-02T03:04:05.678Z");
  return () => new Date(t++).toISOString();
}

async function problemOf(promise: Promise<unknown>): Promise<HttpProblem> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof HttpProblem)) {
    throw new Error(`expected an HttpProblem, got ${String(err)}`);
  }
  return err;
}

describe("UsersService", () => {
  let service: UsersService;

  beforeEach(() => {
    service = new UsersService(new MemoryUsersRepository(), clock());
  });

  it("creates a user with one time for both timestamps", async () => {
    const user = await service.create({ name: "Ada", email: "ada@example.com" });
    expect(user).toEqual({
      id: "1",
      name: "Ada",
      email: "ada@example.com",
      created_at: "2025-01-02T03:04:05.678Z",
      updated_at: "2025-01-02T03:04:05.678Z",
    });
    await expect(service.get("1")).resolves.toEqual(user);
  });

  it("refuses an email another user has, in any letter case", async () => {
    await service.create({ name: "Ada", email: "ada@example.com" });
    const p = await problemOf(service.create({ name: "Other", email: "ADA@example.COM" }));
    expect(p.status).toBe(409);
    expect(p.detail).toBe("A user with this email already exists.");
  });

  it("lets a user change the letter case of its own email", async () => {
    const ada = await service.create({ name: "Ada", email: "ada@example.com" });
    const changed = await service.update(ada.id, { email: "ADA@example.com" });
    expect(changed.email).toBe("ADA@example.com");
  });

  it("updates only the given fields and moves updated_at; {} changes nothing", async () => {
    const ada = await service.create({ name: "Ada", email: "ada@example.com" });
    await expect(service.update(ada.id, {})).resolves.toEqual(ada);
    const renamed = await service.update(ada.id, { name: "Ada L." });
    expect(renamed).toEqual({ ...ada, name: "Ada L.", updated_at: "2025-01-02T03:04:05.679Z" });
  });

  it("answers 404 with the contract's text for an id no user has", async () => {
    for (const call of [
      service.get("7"),
      service.update("7", { name: "x" }),
      service.delete("7"),
    ]) {
      const p = await problemOf(call);
      expect(p.status).toBe(404);
      expect(p.detail).toBe("No user has the id 7.");
    }
  });

  it("pages by id and counts every user", async () => {
    for (const n of ["1", "2", "3"]) {
      await service.create({ name: `User ${n}`, email: `u${n}@example.com` });
    }
    const page = await service.list({ page: 2, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.data.map((u) => u.id)).toEqual(["3"]);
    expect(await service.list({ page: 3, limit: 2 })).toEqual({
      data: [],
      total: 3,
      page: 3,
      limit: 2,
    });
  });

  it("deletes for good and frees the email", async () => {
    const ada = await service.create({ name: "Ada", email: "ada@example.com" });
    await service.delete(ada.id);
    expect((await problemOf(service.get(ada.id))).status).toBe(404);
    const again = await service.create({ name: "Ada", email: "ada@example.com" });
    expect(again.id).toBe("2");
  });
});
