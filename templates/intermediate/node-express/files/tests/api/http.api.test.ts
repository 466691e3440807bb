/**
 * What every answer shares: request ids, headers, problem details for 404,
 * 405 and 500, the access log and the metrics; and the operational
 * endpoints /health, /ready, /metrics and /openapi.json.
 */

import request from "supertest";

import { loadOpenApi } from "../../src/contract/openapi";
import { openTestApp, type TestApp } from "../support/app";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("the HTTP layer", () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await openTestApp();
  });

  afterEach(async () => {
    await t.close();
  });

  it("answers /health with the headers every answer has", async () => {
    const res = await request(t.app).get("/health").expect(200, { status: "ok" });
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-request-id"]).toMatch(UUID);
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers.server).toBeUndefined();
  });

  it("keeps a well-formed X-Request-ID and replaces any other", async () => {
    await request(t.app)
      .get("/health")
      .set("X-Request-ID", "abc.DEF_1:2-3")
      .expect("X-Request-ID", "abc.DEF_1:2-3");
    for (const bad of ["", "a b", "x".repeat(129), "é"]) {
      const res = await request(t.app).get("/health").set("X-Request-ID", bad);
      expect(res.headers["x-request-id"]).toMatch(UUID);
    }
  });

  it("logs one access line per request with its request id", async () => {
    await request(t.app).get("/api/v1/users?page=1").set("X-Request-ID", "req-1").expect(200);
    const lines = t.logs().filter((l) => l.request_id === "req-1");
    expect(lines).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "request completed",
        method: "GET",
        path: "/api/v1/users",
        route: "/api/v1/users",
        status: 200,
        duration_ms: expect.any(Number) as unknown,
        time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/) as unknown,
      }),
    ]);
  });

  it.each(["/nothing", "/api/v1/users/", "/API/v1/users", "/api/v1/users/1/x", "/health/"])(
    "answers 404 at %s",
    async (path) => {
      const res = await request(t.app).get(path).expect(404);
      expect(res.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
      expect(res.body).toEqual({
        type: "about:blank",
        title: "Not Found",
        status: 404,
        detail: "There is nothing at this path.",
        instance: path,
      });
    },
  );

  it.each([
    ["put", "/api/v1/users/1", "GET, HEAD, PATCH, DELETE"],
    ["delete", "/api/v1/users", "GET, HEAD, POST"],
    ["post", "/health", "GET, HEAD"],
    ["post", "/openapi.json", "GET, HEAD"],
  ] as const)("answers %s %s with 405 and Allow", async (method, path, allow) => {
    const res = await request(t.app)[method](path).expect(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body).toEqual({
      type: "about:blank",
      title: "Method Not Allowed",
      status: 405,
      detail: "The method is not allowed here; see the Allow header.",
      instance: path,
    });
  });

  it("keeps the path as sent, percent-escapes and all, in instance", async () => {
    const res = await request(t.app).get("/api/v1/%75sers?x=1").expect(404);
    expect(res.body).toMatchObject({ instance: "/api/v1/%75sers" });
  });

  it("holds against JSON nested a thousand levels deep", async () => {
    const deep = "[".repeat(1000) + "]".repeat(1000);
    const whole = await request(t.app)
      .post("/api/v1/users")
      .set("Content-Type", "application/json")
      .send(deep)
      .expect(400);
    expect(whole.body).toMatchObject({ errors: [{ pointer: "#" }] });
    const field = await request(t.app)
      .post("/api/v1/users")
      .set("Content-Type", "application/json")
      .send(`{"name":${deep},"email":"a@example.com"}`)
      .expect(400);
    expect(field.body).toMatchObject({
      errors: [{ pointer: "#/name", detail: "must be a string" }],
    });
  });

  it("answers /ready 200 while the database answers, 503 once it does not", async () => {
    await request(t.app).get("/ready").expect(200, { status: "ok" });
    await t.database.close();
    const res = await request(t.app).get("/ready").expect(503);
    expect(res.body).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: "The database is not answering.",
      instance: "/ready",
    });
  });

  it("answers 500 without the cause, and logs the cause with the request id", async () => {
    await t.database.close();
    const res = await request(t.app)
      .get("/api/v1/users")
      .set("X-Request-ID", "req-500")
      .expect(500);
    expect(res.body).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "An unexpected error occurred.",
      instance: "/api/v1/users",
    });
    expect(t.logs()).toContainEqual(
      expect.objectContaining({
        level: "error",
        request_id: "req-500",
        err: expect.anything() as unknown,
      }),
    );
  });

  it("counts every answer by method, OpenAPI route and status", async () => {
    await request(t.app).get("/api/v1/users/7").expect(404);
    await request(t.app).get("/nowhere").expect(404);
    const res = await request(t.app).get("/metrics").expect(200);
    expect(res.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(res.text).toContain(
      'http_requests_total{method="GET",route="/api/v1/users/{id}",status="404"} 1',
    );
    expect(res.text).toContain(
      'http_requests_total{method="GET",route="unmatched",status="404"} 1',
    );
    expect(res.text).toContain("http_request_duration_seconds_bucket");
  });

  it("answers /openapi.json with api/openapi.yaml", async () => {
    const res = await request(t.app).get("/openapi.json").expect(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(res.body).toEqual(loadOpenApi());
  });
});
