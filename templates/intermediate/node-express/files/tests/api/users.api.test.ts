/** What only users have: the email, its syntax, and its uniqueness in any letter case. */

import request from "supertest";

import { testDatabases } from "../../src/db/testing";
import { openTestApp, type TestApp } from "../support/app";

const CONFLICT = {
  type: "about:blank",
  title: "Conflict",
  status: 409,
  detail: "A user with this email already exists.",
};

describe.each(testDatabases())("users on $name", (database) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await openTestApp(database);
  });

  afterEach(async () => {
    await t.close();
  });

  it("keeps the email trimmed, in the case it was given", async () => {
    const res = await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Ada", email: " Ada@Example.COM " })
      .expect(201);
    expect(res.body).toMatchObject({ email: "Ada@Example.COM" });
  });

  it("refuses an email another user has, in any letter case, on POST and PATCH", async () => {
    await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Ada", email: "ada@example.com" })
      .expect(201);
    const post = await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Eve", email: "ADA@example.com" })
      .expect(409);
    expect(post.body).toEqual({ ...CONFLICT, instance: "/api/v1/users" });
    // PostgreSQL's sequence moved on with the refused insert: use the id given.
    const eve = await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Eve", email: "eve@example.com" })
      .expect(201);
    const path = `/api/v1/users/${String((eve.body as { id: number }).id)}`;
    const patch = await request(t.app).patch(path).send({ email: "Ada@Example.com" }).expect(409);
    expect(patch.body).toEqual({ ...CONFLICT, instance: path });
  });

  it("lets a user change the letter case of its own email", async () => {
    await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Ada", email: "ada@example.com" })
      .expect(201);
    await request(t.app)
      .patch("/api/v1/users/1")
      .send({ email: "ADA@example.com" })
      .expect(200)
      .expect((res) => {
        expect(res.body).toMatchObject({ email: "ADA@example.com" });
      });
  });

  it("frees the email of a deleted user", async () => {
    await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Ada", email: "ada@example.com" })
      .expect(201);
    await request(t.app).delete("/api/v1/users/1").expect(204);
    await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Ada", email: "ada@example.com" })
      .expect(201);
  });

  it("answers 404 before 409 on PATCH", async () => {
    await request(t.app)
      .post("/api/v1/users")
      .send({ name: "Ada", email: "ada@example.com" })
      .expect(201);
    await request(t.app).patch("/api/v1/users/2").send({ email: "ada@example.com" }).expect(404);
  });

  it.each([
    [{ name: "Ada" }, "is required"],
    [{ name: "Ada", email: null }, "must be a string"],
    [{ name: "Ada", email: "" }, "must be a valid email address of at most 254 characters"],
    [{ name: "Ada", email: "ada" }, "must be a valid email address of at most 254 characters"],
    [
      { name: "Ada", email: "ada@example" },
      "must be a valid email address of at most 254 characters",
    ],
    [
      { name: "Ada", email: `${"a".repeat(64)}@${"b".repeat(186)}.com` },
      "must be a valid email address of at most 254 characters",
    ],
    [{ name: "Ada", email: "ada\u0001@example.com" }, "must not contain control characters"],
  ])("checks the email of %j", async (sent, detail) => {
    const res = await request(t.app).post("/api/v1/users").send(sent).expect(400);
    expect((res.body as { errors: unknown }).errors).toEqual([{ pointer: "#/email", detail }]);
  });
});
