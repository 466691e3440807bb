/**
 * The entry point: `node dist/main.js` serves the API, `node dist/main.js
 * migrate` applies the database migrations (the server never migrates on
 * start), `node dist/main.js healthcheck` asks the running server's /ready
 * and exits 0 or 1 (for container health checks; the image has no curl).
 */

import { buildApp } from "./app";
import { ConfigError, loadConfig, loadEnvFile, redact, type Config } from "./config/config";
import { createLogger } from "./contract/logger";
import { HttpMetrics } from "./contract/metrics";
import { loadOpenApi } from "./contract/openapi";
import { gracefulStop, stopOnSignals } from "./contract/server";
import { openDatabase, ping } from "./db/database";
import { migrateToLatest } from "./db/migrate";
import { databaseServices } from "./modules";

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config, {
    onError: (err) => {
      logger.warn({ err }, "idle database connection failed");
    },
  });
  const app = await buildApp({
    logger,
    metrics: new HttpMetrics(),
    ping: () => ping(database.db),
    document: loadOpenApi(),
    services: databaseServices(database.db),
  });
  const stop = gracefulStop(app.server, () => database.close(), logger);
  stopOnSignals(async () => {
    await stop();
    process.exit();
  }, logger);
  await app.listen({ host: config.host, port: config.port });
}

async function migrate(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config);
  try {
    const applied = await migrateToLatest(database);
    logger.info(
      { applied, database: redact(config.databaseUrl) },
      applied.length === 0 ? "nothing to migrate" : "migrated",
    );
  } finally {
    await database.close();
  }
}

async function healthcheck(config: Config): Promise<void> {
  // A server listening on every address answers on the loopback one.
  const host = ["0.0.0.0", "::"].includes(config.host) ? "127.0.0.1" : config.host;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${String(config.port)}`;
  const response = await fetch(`${origin}/ready`, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) {
    throw new Error(`/ready answered ${String(response.status)}`);
  }
}

async function main(args: string[]): Promise<void> {
  loadEnvFile();
  const config = loadConfig();
  const [command, ...rest] = args;
  if (rest.length > 0) {
    throw new UsageError();
  }
  switch (command) {
    case undefined:
      return serve(config);
    case "migrate":
      return migrate(config);
    case "healthcheck":
      return healthcheck(config);
    default:
      throw new UsageError();
  }
}

class UsageError extends Error {
  constructor() {
    super("usage: node dist/main.js [migrate | healthcheck]");
    this.name = "UsageError";
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof UsageError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
