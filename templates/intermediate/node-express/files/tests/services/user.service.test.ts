import { EmailTakenError, NotFoundError } from "../../src/models/errors";
import { UserService } from "../../src/services/user.service";
import { steppingClock } from "../support/clock";
import { InMemoryUserRepository } from "../support/in-memory-user.repository";

describe("UserService", () => {
  let service: UserService;

  beforeEach(() => {
    service = new UserService(new InMemoryUserRepository(), steppingClock());
  });

  it("creates a user with created_at equal to updated_at", async () => {
    const user = await service.create({ name: "Ada", email: "ada@example.com" });
    expect(user).toEqual({
      id: "1",
      name: "Ada",
      email: "ada@example.com",
      created_at: "2025-01-02T03:04:05.000Z",
      updated_at: "2025-01-02T03:04:05.000Z",
    });
    await expect(service.get("1")).resolves.toEqual(user);
  });

  it("refuses an email another user has in any letter case", async () => {
    await service.create({ name: "Ada", email: "ada@example.com" });
    await expect(service.create({ name: "Eve", email: "ADA@example.com" })).rejects.toThrow(
      EmailTakenError,
    );
  });

  it("pages in id order with the total", async () => {
    for (let i = 1; i <= 5; i++) {
      await service.create({ name: `u${String(i)}`, email: `u${String(i)}@example.com` });
    }
    const page = await service.list({ page: 2, limit: 2 });
    expect(page.data.map((u) => u.id)).toEqual(["3", "4"]);
    expect(page).toMatchObject({ total: 5, page: 2, limit: 2 });
    const past = await service.list({ page: 4, limit: 2 });
    expect(past).toEqual({ data: [], total: 5, page: 4, limit: 2 });
  });

  it("updates only the fields given, and sets updated_at", async () => {
    const created = await service.create({ name: "Ada", email: "ada@example.com" });
    const updated = await service.update(created.id, { name: "Ada L." });
    expect(updated).toEqual({
      ...created,
      name: "Ada L.",
      updated_at: "2025-01-02T03:04:06.000Z",
    });
  });

  it("changes nothing, updated_at included, for an empty update", async () => {
    const created = await service.create({ name: "Ada", email: "ada@example.com" });
    await expect(service.update(created.id, {})).resolves.toEqual(created);
  });

  it("lets a user change the letter case of its own email, not take another's", async () => {
    const ada = await service.create({ name: "Ada", email: "ada@example.com" });
    await service.create({ name: "Eve", email: "eve@example.com" });
    await expect(service.update(ada.id, { email: "ADA@example.com" })).resolves.toMatchObject({
      email: "ADA@example.com",
    });
    await expect(service.update(ada.id, { email: "Eve@Example.com" })).rejects.toThrow(
      EmailTakenError,
    );
  });

  it("answers NotFoundError for an id no user has", async () => {
    await expect(service.get("7")).rejects.toThrow(new NotFoundError("user", "7"));
    await expect(service.update("7", { name: "x" })).rejects.toThrow(NotFoundError);
    await expect(service.update("7", {})).rejects.toThrow(NotFoundError);
    await expect(service.delete("7")).rejects.toThrow(NotFoundError);
  });

  it("deletes for good", async () => {
    const created = await service.create({ name: "Ada", email: "ada@example.com" });
    await service.delete(created.id);
    await expect(service.get(created.id)).rejects.toThrow(NotFoundError);
    await expect(service.create({ name: "Ada", email: "ada@example.com" })).resolves.toMatchObject({
      id: "2",
    });
  });
});
