/**
 * The application for the API tests: buildApp over a fresh migrated
 * database (see src/db/testing.ts), its log lines captured as JSON objects.
 */

import { buildApp, type App } from "../../src/app";
import { createLogger } from "../../src/contract/logger";
import { HttpMetrics } from "../../src/contract/metrics";
import { loadOpenApi } from "../../src/contract/openapi";
import { ping, type DatabaseHandle } from "../../src/db/database";
import { databaseServices } from "../../src/modules";

export interface TestApp {
  app: App;
  /** Every log line written so far, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Replaces the database ping of /ready. */
  ping?: () => Promise<void>;
}

export async function startApp(
  open: () => Promise<DatabaseHandle>,
  options: TestAppOptions = {},
): Promise<TestApp> {
  const handle = await open();
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger("debug", {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  });
  try {
    const app = await buildApp({
      logger,
      metrics: new HttpMetrics(),
      ping: options.ping ?? (() => ping(handle.db)),
      document: loadOpenApi(),
      services: databaseServices(handle.db),
    });
    return {
      app,
      logs,
      close: async () => {
        await app.close();
        await handle.close();
      },
    };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
