/**
 * What the API answers when the database is gone: /ready a 503, /health
 * still a 200, and a resource a 500 problem detail whose cause is logged at
 * error with the request id, never sent to the client.
 */

import request from "supertest";
import { DataSource } from "typeorm";

import { startTestApp, type TestApp } from "./support/app";
import { dropTestDatabase, sqliteUrl } from "./support/databases";

describe("the API without its database", () => {
  const databaseUrl = sqliteUrl();
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp(databaseUrl);
    await testApp.app.get(DataSource).destroy();
  });

  afterAll(async () => {
    await testApp.close();
    await dropTestDatabase(databaseUrl);
  });

  it("is alive but not ready", async () => {
    const server = testApp.app.getHttpServer();
    expect((await request(server).get("/health")).status).toBe(200);
    const ready = await request(server).get("/ready");
    expect(ready.status).toBe(503);
    expect(ready.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(ready.body).toEqual({
      type: "about:blank",
      title: "Service Unavailable",
      status: 503,
      detail: "The database is not answering.",
      instance: "/ready",
    });
  });

  it("answers 500 without the cause, and logs the cause with the request id", async () => {
    const id = `failure-${String(Date.now())}`;
    const res = await request(testApp.app.getHttpServer())
      .get("/api/v1/users")
      .set("X-Request-ID", id);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      type: "about:blank",
      title: "Internal Server Error",
      status: 500,
      detail: "An unexpected error occurred.",
      instance: "/api/v1/users",
    });
    const lines = testApp.logs().filter((l) => l.request_id === id);
    expect(lines.map((l) => l.level)).toEqual(["error", "info"]);
    expect(Object.keys(lines[0]?.err ?? {}).sort()).toEqual(["message", "stack", "type"]);
    expect(lines[1]).toMatchObject({ status: 500, route: "/api/v1/users" });
  });
});
