/**
 * The entry point: `node dist/main.js` serves the API, `node dist/main.js
 * migrate` applies the migrations, `node dist/main.js healthcheck` probes
 * the running server's /ready (for the container healthcheck: the image has
 * no HTTP client). Settings are validated first; a bad one stops the process
 * with status 2 and a message naming the variable.
 */

import "reflect-metadata";

import { createServer } from "node:http";

import { DataSource } from "typeorm";

import { createApp } from "./app.factory";
import { ConfigError, loadConfig, loadEnvFile, redact, type Config } from "./config/config";
import { createLogger } from "./contract/logger";
import { gracefulStop, stopOnSignals, tuneServer } from "./contract/server";
import { dataSourceOptions } from "./database/data-source";

const USAGE = "usage: node dist/main.js [serve | migrate | healthcheck]";

/** How often Node.js looks for connections past their header or request timeout. */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1000;

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.init();
  // The server is created here rather than by Nest, so that Node.js checks
  // the header timeout of slow clients every second (its default is every
  // 30 s, which would let a stalled connection live far past 10 s).
  const server = createServer(
    { connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS },
    app.getHttpAdapter().getInstance(),
  );
  tuneServer(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
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
