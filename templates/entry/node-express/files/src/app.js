/**
 * Application entry point. `createApp` builds the Express app without
 * listening, so tests can drive it; running this file (`node src/app.js`)
 * starts the server and shuts it down cleanly on SIGTERM or SIGINT.
 */

import { existsSync, realpathSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import express from "express";
import pino from "pino";
import { pinoHttp } from "pino-http";
import { openDatabase } from "./db.js";
import { createRouter } from "./routes.js";
import { HttpError, loadConfig } from "./utils.js";

const SHUTDOWN_TIMEOUT_MS = 5000;

/** Builds the Express app around an open database and a pino logger. */
export function createApp({ db, logger }) {
  const app = express();
  app.disable("x-powered-by");
  app.use(
    pinoHttp({
      logger,
      customLogLevel(req, res, err) {
        if (err || res.statusCode >= 500) {
          return "error";
        }
        return res.statusCode >= 400 ? "warn" : "info";
      },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(express.json({ limit: "16kb" }));
  app.use(createRouter(db));
  app.use((req, res) => {
    res.status(404).json({ error: "not found" });
  });
  app.use(errorHandler);
  return app;
}

function errorHandler(err, req, res, next) {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.message });
    return;
  }
  if (err.type === "entity.parse.failed") {
    res.status(400).json({ error: "malformed JSON body" });
    return;
  }
  const status = err.status ?? err.statusCode;
  if (err.expose && status >= 400 && status < 500) {
    res.status(status).json({ error: err.message });
    return;
  }
  req.log.error({ err }, "unhandled error");
  res.status(500).json({ error: "internal server error" });
}

/** Starts the server from environment variables (and `.env`, if present). */
function main() {
  if (existsSync(".env")) {
    process.loadEnvFile(".env");
  }

  let config;
  let logger;
  try {
    config = loadConfig(process.env);
    logger = pino({ level: config.logLevel });
  } catch (err) {
    pino().fatal({ err }, "invalid configuration");
    process.exitCode = 1;
    return;
  }

  let db;
  try {
    db = openDatabase(config.databaseUrl);
  } catch (err) {
    logger.fatal(
      { err, databaseUrl: config.databaseUrl },
      "cannot open database",
    );
    process.exitCode = 1;
    return;
  }

  const server = http.createServer(createApp({ db, logger }));

  server.on("listening", () => {
    const { address, port } = server.address();
    logger.info({ host: address, port }, "server listening");
  });

  server.on("error", (err) => {
    logger.fatal({ err }, "server error");
    db.close();
    process.exitCode = 1;
  });

  const shutdown = (signal) => {
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error("shutdown timed out, forcing exit");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();

    server.close((err) => {
      if (err) {
        logger.error({ err }, "error while closing the server");
        process.exitCode = 1;
      }
      try {
        db.close();
      } catch (closeErr) {
        logger.error({ err: closeErr }, "error while closing the database");
        process.exitCode = 1;
      }
      logger.info("shutdown complete");
    });
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  server.listen({ host: config.host, port: config.port });
}

function isEntryPoint() {
  if (!process.argv[1]) {
    return false;
  }
  try {
    return realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main();
}
