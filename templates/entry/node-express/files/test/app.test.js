import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import pino from "pino";
import request from "supertest";
import { createApp } from "../src/app.js";
import { openDatabase } from "../src/db.js";

describe("users API", () => {
  let db;
  let app;

  beforeEach(() => {
    db = openDatabase(":memory:");
    app = createApp({ db, logger: pino({ level: "silent" }) });
  });

  afterEach(() => {
    db.close();
  });

  const createUser = (body) => request(app).post("/users").send(body);

  it("GET /health answers ok", async () => {
    const res = await request(app).get("/health");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: "ok" });
  });

  it("GET /users lists users, empty at first", async () => {
    const empty = await request(app).get("/users");
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, []);

    await createUser({ name: "Ada", email: "ada@example.com" });
    const res = await request(app).get("/users");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [
      { id: 1, name: "Ada", email: "ada@example.com" },
    ]);
  });

  it("POST /users creates a user", async () => {
    const res = await createUser({ name: " Ada ", email: "ada@example.com" });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, "/users/1");
    assert.deepEqual(res.body, {
      id: 1,
      name: "Ada",
      email: "ada@example.com",
    });
  });

  it("POST /users rejects a duplicate email with 409", async () => {
    await createUser({ name: "Ada", email: "ada@example.com" });
    const res = await createUser({ name: "Other", email: "ADA@example.com" });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { error: "email already exists" });
  });

  const invalidBodies = [
    ["a missing name", { email: "ada@example.com" }, "name is required"],
    [
      "a blank name",
      { name: "  ", email: "ada@example.com" },
      "name is required",
    ],
    [
      "a non-string name",
      { name: 42, email: "ada@example.com" },
      "name is required",
    ],
    [
      "a name that is too long",
      { name: "x".repeat(101), email: "ada@example.com" },
      "name must be at most 100 characters",
    ],
    ["a missing email", { name: "Ada" }, "email is required"],
    [
      "a malformed email",
      { name: "Ada", email: "not-an-email" },
      "email must be a valid email address",
    ],
    ["an array body", [], "request body must be a JSON object"],
  ];
  for (const [what, body, error] of invalidBodies) {
    it(`POST /users rejects ${what} with 400`, async () => {
      const res = await createUser(body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error });
    });
  }

  it("POST /users rejects malformed JSON with 400", async () => {
    const res = await request(app)
      .post("/users")
      .set("Content-Type", "application/json")
      .send('{"name": "Ada",');
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: "malformed JSON body" });
  });

  it("POST /users rejects a body that is not JSON with 400", async () => {
    const res = await request(app)
      .post("/users")
      .set("Content-Type", "text/plain")
      .send("name=Ada");
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, { error: "request body must be a JSON object" });
  });

  it("GET /users/:id returns the user", async () => {
    const created = await createUser({ name: "Ada", email: "ada@example.com" });
    const res = await request(app).get(`/users/${created.body.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, created.body);
  });

  it("GET /users/:id answers 404 for an unknown id", async () => {
    const res = await request(app).get("/users/999");
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: "user not found" });
  });

  for (const id of ["abc", "0", "-1", "1.5", "99999999999999999999"]) {
    it(`GET /users/${id} answers 400`, async () => {
      const res = await request(app).get(`/users/${id}`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: "id must be a positive integer" });
    });
  }

  it("answers 404 with a JSON error for an unknown route", async () => {
    const res = await request(app).get("/nope");
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: "not found" });
  });
});
