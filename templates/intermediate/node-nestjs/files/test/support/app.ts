/** The real application for the API tests, on a test database, its log kept in memory. */

import { Writable } from "node:stream";

import type { NestExpressApplication } from "@nestjs/platform-express";

import { createApp } from "../../src/app.factory";
import { DEFAULTS } from "../../src/config/config";
import { createLogger } from "../../src/contract/logger";
import { openMigrated } from "./databases";

export interface TestApp {
  app: NestExpressApplication;
  /** The JSON log lines written so far. */
  logs: () => Record<string, unknown>[];
  close: () => Promise<void>;
}

/** Builds and initialises the application on databaseUrl, migrated first. */
export async function startTestApp(databaseUrl: string): Promise<TestApp> {
  const migrated = await openMigrated(databaseUrl);
  await migrated.destroy();
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      callback();
    },
  });
  const logger = createLogger("info", sink);
  const app = await createApp({ ...DEFAULTS, databaseUrl }, logger);
  await app.init();
  return {
    app,
    logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    close: () => app.close(),
  };
}
