import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, it } from "node:test";
import pino from "pino";
import request from "supertest";
import { createApp } from "../src/app.js";
import { openDatabase } from "../src/db.js";

const ada = { name: "Ada", email: "ada@example.com" };

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

  it("GET /users lists users by id, empty at first", async () => {
    const empty = await request(app).get("/users");
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.body, []);

    await createUser(ada);
    await createUser({ name: "Grace", email: "grace@example.com" });
    const res = await request(app).get("/users");
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, [
      { id: 1, ...ada },
      { id: 2, name: "Grace", email: "grace@example.com" },
    ]);
  });

  it("POST /users creates a user from the trimmed fields", async () => {
    const res = await createUser({
      name: " Ada ",
      email: "\tada@example.com ",
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, "/users/1");
    assert.deepEqual(res.body, { id: 1, ...ada });
  });

  const accepted = [
    ["a name of 100 code points", "𝔸".repeat(100), "a@example.com"],
    ["a name with inner spaces and accents", "José María", "a@example.com"],
    [
      "an email of 254 characters",
      "Ada",
      `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
    ],
    [
      "the email's special characters",
      "Ada",
      "a.b!#$%&'*+/=?^_`{|}~-@x-y.example.org",
    ],
  ];
  for (const [what, name, email] of accepted) {
    it(`POST /users accepts ${what}`, async () => {
      const res = await createUser({ name, email });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body, { id: 1, name, email });
    });
  }

  it("POST /users rejects a duplicate email in any letter case with 409", async () => {
    await createUser({ name: "Ada", email: "Ada@X.org" });
    const res = await createUser({ name: "Other", email: "ada@x.org" });
    assert.equal(res.status, 409);
    assert.deepEqual(res.body, { error: "email already exists" });
  });

  const valid = "ada@example.com";
  const invalidBodies = [
    ["an array body", [], "request body must be a JSON object"],
    ["a null body", null, "request body must be a JSON object"],
    ["a string body", "Ada", "request body must be a JSON object"],
    ["an unknown field", { ...ada, admin: true }, 'unknown field "admin"'],
    [
      "an unknown field before a bad name",
      { name: 1, id: 7 },
      'unknown field "id"',
    ],
    ["a missing name", { email: valid }, "name is required"],
    ["a null name", { name: null, email: valid }, "name is required"],
    ["a blank name", { name: " \t ", email: valid }, "name is required"],
    ["a number as name", { name: 42, email: valid }, "name must be a string"],
    [
      "an array as name",
      { name: ["Ada"], email: valid },
      "name must be a string",
    ],
    [
      "a name of 101 code points",
      { name: "𝔸".repeat(101), email: valid },
      "name must be at most 100 characters",
    ],
    [
      "a NUL in the name",
      { name: "Ada\u0000", email: valid },
      "name must not contain control characters",
    ],
    [
      "a DEL in the name",
      { name: "A\u007fda", email: valid },
      "name must not contain control characters",
    ],
    [
      "a bad name before a bad email",
      { name: "", email: "x" },
      "name is required",
    ],
    ["a missing email", { name: "Ada" }, "email is required"],
    ["a blank email", { name: "Ada", email: "  " }, "email is required"],
    ["a number as email", { name: "Ada", email: 1 }, "email must be a string"],
    [
      "an email of 255 characters",
      {
        name: "Ada",
        email: `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`,
      },
      "email must be at most 254 characters",
    ],
    [
      "a NUL in the email",
      { name: "Ada", email: "ada\u0000@example.com" },
      "email must not contain control characters",
    ],
    [
      "a newline in the email",
      { name: "Ada", email: "ada@exa\nmple.com" },
      "email must not contain control characters",
    ],
    [
      "an email without @",
      { name: "Ada", email: "not-an-email" },
      "email must be a valid email address",
    ],
    [
      "an email without a dotted domain",
      { name: "Ada", email: "ada@localhost" },
      "email must be a valid email address",
    ],
    [
      "an email with two @",
      { name: "Ada", email: "a@b@example.com" },
      "email must be a valid email address",
    ],
    [
      "an email with a space",
      { name: "Ada", email: "a da@example.com" },
      "email must be a valid email address",
    ],
    [
      "a local part of 65 characters",
      { name: "Ada", email: `${"a".repeat(65)}@example.com` },
      "email must be a valid email address",
    ],
    [
      "a domain label starting with -",
      { name: "Ada", email: "ada@-example.com" },
      "email must be a valid email address",
    ],
    [
      "a non-ASCII email",
      { name: "Ada", email: "adá@example.com" },
      "email must be a valid email address",
    ],
  ];
  for (const [what, body, error] of invalidBodies) {
    it(`POST /users rejects ${what} with 400`, async () => {
      const res = await request(app)
        .post("/users")
        .set("Content-Type", "application/json")
        .send(JSON.stringify(body));
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error });
      const list = await request(app).get("/users");
      assert.deepEqual(list.body, [], "nothing is stored");
    });
  }

  const malformedBodies = [
    [
      "truncated JSON",
      "application/json",
      '{"name": "Ada",',
      "malformed JSON body",
    ],
    ["an empty body", "application/json", "", "malformed JSON body"],
    ["two JSON documents", "application/json", "{}{}", "malformed JSON body"],
    [
      "nesting a thousand levels deep",
      "application/json",
      `${'{"a":'.repeat(1000)}1${"}".repeat(1000)}`,
      'unknown field "a"',
    ],
    [
      "arrays a thousand levels deep",
      "application/json",
      `${"[".repeat(1000)}${"]".repeat(1000)}`,
      "request body must be a JSON object",
    ],
    [
      "invalid UTF-8",
      "application/json",
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      "request body must be UTF-8",
    ],
    [
      "a charset other than UTF-8",
      "application/json; charset=iso-8859-1",
      "{}",
      "request body must be UTF-8",
    ],
    [
      "a text/plain body",
      "text/plain",
      "name=Ada",
      "content type must be application/json",
    ],
    [
      "a form body",
      "application/x-www-form-urlencoded",
      "name=Ada",
      "content type must be application/json",
    ],
  ];
  for (const [what, type, body, error] of malformedBodies) {
    it(`POST /users rejects ${what} with 400`, async () => {
      const res = await request(app)
        .post("/users")
        .set("Content-Type", type)
        .serialize((data) => data) // send the bytes as they are
        .send(body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error });
    });
  }

  it("POST /users refuses a body over 1 MiB with 413", async () => {
    const body = JSON.stringify({ ...ada, pad: "x".repeat(1024 * 1024) });
    const res = await request(app)
      .post("/users")
      .set("Content-Type", "application/json")
      .send(body);
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { error: "request body too large" });
  });

  it("POST /users refuses from Content-Length alone, whatever the content type", async () => {
    const res = await request(app)
      .post("/users")
      .set("Content-Type", "text/plain")
      .send("x".repeat(1024 * 1024 + 1));
    assert.equal(res.status, 413);
    assert.deepEqual(res.body, { error: "request body too large" });
  });

  it("POST /users takes a body of exactly 1 MiB", async () => {
    const base = JSON.stringify({ ...ada, pad: "" });
    const body = JSON.stringify({
      ...ada,
      pad: " ".repeat(1024 * 1024 - base.length),
    });
    assert.equal(Buffer.byteLength(body), 1024 * 1024);
    const res = await request(app)
      .post("/users")
      .set("Content-Type", "application/json")
      .send(body);
    assert.equal(res.status, 400, "read whole and parsed");
    assert.deepEqual(res.body, { error: 'unknown field "pad"' });
  });

  it("GET /users/:id returns the user", async () => {
    const created = await createUser(ada);
    const res = await request(app).get(`/users/${created.body.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, created.body);
  });

  for (const id of ["999", "9007199254740993", "9223372036854775807"]) {
    it(`GET /users/${id} answers 404 for an id no user has`, async () => {
      const res = await request(app).get(`/users/${id}`);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: "user not found" });
    });
  }

  const badIds = [
    "abc",
    "0",
    "01",
    "-1",
    "+1",
    "1.5",
    "1e3",
    " 1",
    "9223372036854775808",
    "99999999999999999999",
    "1%2F2",
    "%00",
    "1%00",
  ];
  for (const id of badIds) {
    it(`GET /users/${id} answers 400`, async () => {
      const res = await request(app).get(`/users/${id}`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: "id must be a positive integer" });
    });
  }

  for (const path of [
    "/users/%ZZ",
    "/users/%",
    "/users/%E0%A4%A",
    "/nope/%ZZ",
  ]) {
    it(`GET ${path} answers 400 for a malformed percent-escape`, async () => {
      const res = await request(app).get(path);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body, { error: "malformed percent-escape in path" });
    });
  }

  for (const path of [
    "/nope",
    "/Users",
    "/users/",
    "/health/",
    "/users/1/x",
    "/",
  ]) {
    it(`GET ${path} answers 404`, async () => {
      const res = await request(app).get(path);
      assert.equal(res.status, 404);
      assert.deepEqual(res.body, { error: "not found" });
    });
  }

  const wrongMethods = [
    ["DELETE", "/users/1", "GET, HEAD"],
    ["PUT", "/users/1", "GET, HEAD"],
    ["PUT", "/users", "GET, HEAD, POST"],
    ["DELETE", "/users", "GET, HEAD, POST"],
    ["PATCH", "/users", "GET, HEAD, POST"],
    ["POST", "/health", "GET, HEAD"],
  ];
  for (const [method, path, allow] of wrongMethods) {
    it(`${method} ${path} answers 405 with Allow: ${allow}`, async () => {
      const res = await request(app)[method.toLowerCase()](path);
      assert.equal(res.status, 405);
      assert.equal(res.headers.allow, allow);
      assert.deepEqual(res.body, { error: "method not allowed" });
    });
  }

  it("every answer is JSON with nosniff and no Server or X-Powered-By", async () => {
    const answers = [
      await request(app).get("/health"),
      await createUser(ada),
      await createUser(ada),
      await request(app).get("/users/abc"),
      await request(app).get("/users/%ZZ"),
      await request(app).get("/nope"),
      await request(app).delete("/users/1"),
      await request(app)
        .post("/users")
        .set("Content-Type", "application/json")
        .send("{"),
    ];
    for (const res of answers) {
      const what = `${res.req.method} ${res.req.path} -> ${res.status}`;
      assert.match(
        res.headers["content-type"],
        /^application\/json(; charset=utf-8)?$/,
        what,
      );
      assert.equal(res.headers["x-content-type-options"], "nosniff", what);
      assert.equal(res.headers.server, undefined, what);
      assert.equal(res.headers["x-powered-by"], undefined, what);
    }
  });

  it("answers 500 with a bare message and logs the cause", async () => {
    const failing = {
      ...db,
      listUsers() {
        throw new Error("disk on fire");
      },
    };
    const lines = [];
    const logger = pino(
      { level: "error" },
      { write: (line) => lines.push(line) },
    );
    const res = await request(createApp({ db: failing, logger })).get("/users");
    assert.equal(res.status, 500);
    assert.deepEqual(res.body, { error: "internal server error" });
    assert.ok(
      lines.some((line) => line.includes("disk on fire")),
      "the cause is logged",
    );
  });
});
