import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { dialectOf, isUniqueViolation, openDatabase, ping, type DatabaseHandle } from "./database";
import { migrateToLatest } from "./migrate";
import { countOf, currentTimestamp, idOf, timestampOf, toUserRecord } from "./records";
import { testDatabases } from "./testing";

describe("dialectOf", () => {
  it.each([
    ["postgres://app:secret@127.0.0.1:5432/app?sslmode=disable", "postgres"],
    ["postgresql://app@db.internal/app", "postgres"],
    ["POSTGRES://app@db.internal/app", "postgres"],
    ["sqlite:data/app.db", "sqlite"],
    ["sqlite::memory:", "sqlite"],
    ["mysql://u:p@h/db", undefined],
    ["postgres:app", undefined],
    ["app.db", undefined],
    ["", undefined],
  ])("%s is %s", (url, want) => {
    expect(dialectOf(url)).toBe(want);
  });
});

describe("openDatabase", () => {
  it.each(["", "sqlite:", "mysql://u:p@h/db", "file:app.db"])("refuses %j", (url) => {
    expect(() => openDatabase({ databaseUrl: url })).toThrow();
  });

  it("creates an SQLite file that is missing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "db-"));
    try {
      const handle = openDatabase({ databaseUrl: `sqlite:${path.join(dir, "app.db")}` });
      expect(handle.dialect).toBe("sqlite");
      await ping(handle.db);
      await handle.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("opens a PostgreSQL pool without connecting, and ping reports a server that is down", async () => {
    const handle = openDatabase({
      databaseUrl: "postgres://app:secret@127.0.0.1:1/app?sslmode=disable",
    });
    expect(handle.dialect).toBe("postgres");
    await expect(ping(handle.db)).rejects.toThrow();
    await handle.close();
  });
});

describe("records", () => {
  it("keeps every 64-bit id as a decimal string", () => {
    expect(idOf("9223372036854775807")).toBe("9223372036854775807");
    expect(idOf(9223372036854775807n)).toBe("9223372036854775807");
    expect(idOf(7)).toBe("7");
    expect(countOf(41n)).toBe(41);
    expect(countOf("41")).toBe(41);
  });

  it("writes timestamps in the contract's form", () => {
    expect(timestampOf(new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678)))).toBe(
      "2025-01-02T03:04:05.678Z",
    );
    expect(timestampOf("2025-01-02T03:04:05.678Z")).toBe("2025-01-02T03:04:05.678Z");
    expect(currentTimestamp()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe.each(testDatabases())("the database on $name", ({ open }) => {
  let handle: DatabaseHandle;

  beforeEach(async () => {
    handle = await open();
  });

  afterEach(async () => {
    await handle.close();
  });

  it("answers the ping", async () => {
    await expect(ping(handle.db)).resolves.toBeUndefined();
  });

  it("applies the migrations once", async () => {
    await expect(migrateToLatest(handle)).resolves.toEqual([]);
  });

  it("stores timestamps to the millisecond and gives them back as written", async () => {
    const at = "2025-01-02T03:04:05.678Z";
    const row = await handle.db
      .insertInto("users")
      .values({ name: "Ada", email: "ada@example.com", created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    const user = toUserRecord(row);
    expect(user).toEqual({
      id: "1",
      name: "Ada",
      email: "ada@example.com",
      created_at: at,
      updated_at: at,
    });
    const again = await handle.db
      .selectFrom("users")
      .selectAll()
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(toUserRecord(again)).toEqual(user);
  });

  it("refuses an email another user has in any letter case, as a unique violation", async () => {
    const at = currentTimestamp();
    await handle.db
      .insertInto("users")
      .values({ name: "Ada", email: "Ada@Example.com", created_at: at, updated_at: at })
      .execute();
    const err: unknown = await handle.db
      .insertInto("users")
      .values({ name: "Ada", email: "ada@example.COM", created_at: at, updated_at: at })
      .execute()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error("other"))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it("never reuses an id, not even the highest one deleted", async () => {
    const at = currentTimestamp();
    const insert = (email: string) =>
      handle.db
        .insertInto("users")
        .values({ name: "Ada", email, created_at: at, updated_at: at })
        .returning("id")
        .executeTakeFirstOrThrow();
    const first = await insert("a@example.com");
    await handle.db.deleteFrom("users").where("id", "=", first.id).execute();
    const second = await insert("b@example.com");
    expect(idOf(second.id)).not.toBe(idOf(first.id));
    expect(BigInt(idOf(second.id))).toBeGreaterThan(BigInt(idOf(first.id)));
  });
});
