/**
 * The entry point: `node dist/main.js` serves the API, `node dist/main.js
 * migrate` applies the migrations, `node dist/main.js healthcheck` probes
 * the running server's /ready (for the container healthcheck: the image has
 * no HTTP client). Settings are validated first; a bad one stops the process
 * with status 2 and a message naming the variable.
 */

import "reflect-metadata";

import { DataSource } from "typeorm";

import { createApp } from "./app.factory";
import { ConfigError, loadConfig, loadEnvFile, redact, type Config } from "./config/config";
import { createLogger } from "./contract/logger";
import { gracefulStop, stopOnSignals, tuneServer } from "./contract/server";
import { dataSourceOptions } from "./database/data-source";

const USAGE = "usage: node dist/main.js [serve | migrate | healthcheck]";

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  const server = app.getHttpServer();
  tuneServer(server);
  await app.listen(config.port, config.host);
  logger.info({ host: config.host, port: config.port }, "listening");
  // Stop accepting, drain in-flight requests, then close Nest (and with it
  // the database connections).
  stopOnSignals(
    gracefulStop(server, () => app.close(), logger),
    logger,
  );
}

async function migrate(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const dataSource = new DataSource(dataSourceOptions(config.databaseUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: "each" });
    logger.info(
      { database: redact(config.databaseUrl), applied: applied.map((m) => m.name) },
      applied.length === 0 ? "the schema is up to date" : "migrations applied",
    );
  } finally {
    await dataSource.destroy();
  }
}

/** Exit status 0 when the server on this host answers GET /ready with 200 within 3 seconds. */
async function healthcheck(config: Config): Promise<number> {
  const host = ["0.0.0.0", "::", ""].includes(config.host) ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${String(config.port)}/ready`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.ok ? 0 : 1;
  } catch {
    return 1;
  }
}

async function main(args: readonly string[]): Promise<number> {
  loadEnvFile();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }
  switch (args[0] ?? "serve") {
    case "serve":
      await serve(config);
      return 0;
    case "migrate":
      await migrate(config);
      return 0;
    case "healthcheck":
      return healthcheck(config);
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
