/**
 * The entry point, `node dist/main.js [command]`:
 *
 * - no command (or `serve`): serves the API until SIGTERM or SIGINT, then
 *   stops gracefully;
 * - `migrate`: applies the migrations the database lacks, then exits;
 * - `healthcheck`: asks the running server's /ready and exits 0 when it
 *   answers 200, else 1 (the Docker healthcheck; the image has no curl).
 *
 * The settings are read and checked first; a bad one stops the process with
 * status 1 and a message naming the variable.
 */

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { createApp } from "./app";
import { ConfigError, loadConfig, loadEnvFile, type Config } from "./config/config";
import { createLogger } from "./contract/logger";
import { SERVER_OPTIONS, gracefulStop, stopOnSignals } from "./contract/server";
import { openDatabase } from "./db/database";
import { migrateToLatest } from "./db/migrate";

const USAGE = "usage: node dist/main.js [serve | migrate | healthcheck]";

async function main(args: readonly string[]): Promise<number> {
  const [command = "serve", ...rest] = args;
  if (rest.length > 0 || !["serve", "migrate", "healthcheck"].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let config: Config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  switch (command) {
    case "migrate":
      return migrate(config);
    case "healthcheck":
      return healthcheck(config);
    default:
      return serve(config);
  }
}

/** Applies the pending migrations. */
async function migrate(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config);
  try {
    const applied = await migrateToLatest(database);
    for (const name of applied) {
      logger.info({ migration: name }, "migration applied");
    }
    logger.info({ applied: applied.length }, "the database is up to date");
    return 0;
  } catch (err) {
    logger.error({ err }, "migration failed");
    return 1;
  } finally {
    await database.close();
  }
}

/** Asks the server on this machine for /ready. */
async function healthcheck(config: Config): Promise<number> {
  const wildcard = config.host === "0.0.0.0" || config.host === "::";
  const host = wildcard ? "127.0.0.1" : config.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${String(config.port)}/ready`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.status === 200 ? 0 : 1;
  } catch {
    return 1;
  }
}

/** Serves the API until a signal stops it. */
async function serve(config: Config): Promise<number> {
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config, {
    onError: (err) => {
      logger.error({ err }, "idle database connection failed");
    },
  });
  // The timeouts, checked every second: a client that has not sent its
  // headers within 10 s is cut off in time.
  const server = createServer(SERVER_OPTIONS, createApp({ database, logger }));
  const stop = gracefulStop(server, () => database.close(), logger);
  const stopped = new Promise<void>((resolve) => {
    stopOnSignals(async () => {
      await stop();
      resolve();
    }, logger);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.port, config.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    logger.error({ err }, "cannot listen");
    await database.close();
    return 1;
  }
  const { address, port } = server.address() as AddressInfo;
  logger.info({ address, port }, "listening");
  await stopped;
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    // A failure while stopping (closing the database) sets process.exitCode.
    process.exit(code === 0 ? Number(process.exitCode ?? 0) : code);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
