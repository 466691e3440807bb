/** The real application for the API tests, on a test database, its log kept in memory. */

import { Writable } from "node:stream";

import type { NestExpressApplication } from "@nestjs/platform-express";

import { createApp } from "../../src/app.factory";
import { DEFAULTS } from "../../src/config/config";
import { createLogger } from "../../src/contract/logger";
import { openMigrated } from "./databases";

export interface TestApp {
  app: NestExpressApplication;
  /** The JSON log lines written so far (by every test application of the file). */
  logs: () => Record<string, unknown>[];
  close: () => Promise<void>;
}

// nestjs-pino keeps the first application's root logger for the whole
// process, so every test application of a test file logs to one sink.
const lines: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, callback) {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    callback();
  },
});
const logger = createLogger("info", sink);

/** Builds and initialises the application on databaseUrl, migrated first. */
export async function startTestApp(databaseUrl: string): Promise<TestApp> {
  const migrated = await openMigrated(databaseUrl);
  await migrated.destroy();
  const app = await createApp({ ...DEFAULTS, databaseUrl }, logger);
  await app.init();
  return {
    app,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    close: () => app.close(),
  };
}
