import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_PORT, loadConfig } from "../src/utils.js";

describe("loadConfig", () => {
  it("applies defaults", () => {
    assert.deepEqual(loadConfig({}), {
      host: "127.0.0.1",
      port: DEFAULT_PORT,
      databaseUrl: "data/app.db",
      logLevel: "info",
    });
  });

  it("reads the environment", () => {
    const config = loadConfig({
      HOST: "0.0.0.0",
      PORT: "8081",
      DATABASE_URL: ":memory:",
      LOG_LEVEL: "debug",
    });
    assert.deepEqual(config, {
      host: "0.0.0.0",
      port: 8081,
      databaseUrl: ":memory:",
      logLevel: "debug",
    });
  });

  for (const port of ["abc", "-1", "65536", "80.5", " 80"]) {
    it(`rejects PORT=${JSON.stringify(port)}`, () => {
      assert.throws(() => loadConfig({ PORT: port }), /PORT must be/);
    });
  }
});
