import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DEFAULT_PORT, loadConfig, parseId } from "../src/utils.js";

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

  for (const port of ["1", "65535"]) {
    it(`accepts PORT=${port}`, () => {
      assert.equal(loadConfig({ PORT: port }).port, Number(port));
    });
  }

  for (const port of [
    "0",
    "abc",
    "-1",
    "65536",
    "80.5",
    " 80",
    "0x50",
    "1e3",
  ]) {
    it(`rejects PORT=${JSON.stringify(port)}, naming PORT and the value`, () => {
      assert.throws(() => loadConfig({ PORT: port }), {
        message: `PORT must be an integer from 1 to 65535, got ${JSON.stringify(port)}`,
      });
    });
  }

  for (const level of ["debug", "info", "warn", "error"]) {
    it(`accepts LOG_LEVEL=${level}`, () => {
      assert.equal(loadConfig({ LOG_LEVEL: level }).logLevel, level);
    });
  }

  for (const level of ["trace", "silent", "INFO", "verbose"]) {
    it(`rejects LOG_LEVEL=${level}`, () => {
      assert.throws(
        () => loadConfig({ LOG_LEVEL: level }),
        /^Error: LOG_LEVEL must be one of debug, info, warn, error/,
      );
    });
  }
});

describe("parseId", () => {
  const cases = [
    ["1", 1],
    ["42", 42],
    ["9007199254740991", 9007199254740991],
    ["9007199254740992", 9007199254740992n],
    ["9223372036854775807", 9223372036854775807n],
    ["9223372036854775808", null],
    ["00000000000000000001", null],
    ["0", null],
    ["01", null],
    ["-1", null],
    ["+1", null],
    ["1.0", null],
    ["", null],
    ["١", null],
  ];
  for (const [value, want] of cases) {
    it(`parses ${JSON.stringify(value)} as ${want}`, () => {
      assert.equal(parseId(value), want);
    });
  }
});
