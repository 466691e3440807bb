import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { OPENAPI_PATH, allowedMethods, loadOpenApi, openApiOperations } from "./openapi";

describe("the project's document", () => {
  it("is api/openapi.yaml and lists the users operations", () => {
    expect(OPENAPI_PATH.endsWith(path.join("api", "openapi.yaml"))).toBe(true);
    const ops = openApiOperations(loadOpenApi());
    expect(ops).toEqual(
      expect.arrayContaining([
        { method: "GET", path: "/api/v1/users" },
        { method: "POST", path: "/api/v1/users" },
        { method: "DELETE", path: "/api/v1/users/{id}" },
        { method: "GET", path: "/health" },
        { method: "GET", path: "/openapi.json" },
      ]),
    );
  });
});

describe("loadOpenApi", () => {
  it("refuses a file that is not a mapping", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "openapi-")), "bad.yaml");
    writeFileSync(file, "- a list\n");
    expect(() => loadOpenApi(file)).toThrow(/is not an OpenAPI document/);
  });

  it("gives each path the methods the document lists, HEAD with GET", () => {
    const allow = allowedMethods({
      paths: { "/a": { get: {}, post: {}, parameters: [] }, "/b": { delete: {} } },
    });
    expect(allow.get("/a")).toEqual(["GET", "HEAD", "POST"]);
    expect(allow.get("/b")).toEqual(["DELETE"]);
  });
});
