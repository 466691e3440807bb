/**
 * Application entry point. `createApp` builds the Express app without
 * listening, so tests can drive it; running this file (`node src/app.js`)
 * starts the server and shuts it down cleanly on SIGTERM or SIGINT.
 */

import { realpathSync } from "node:fs";
import http from "node:http";
import { fileURLToPath } from "node:url";
import express from "express";
import pino from "pino";
import { pinoHttp } from "pino-http";
import { openDatabase } from "./db.js";
import { createRouter } from "./routes.js";
import {
  CLOSE_LINGER_MS,
  SERVER_OPTIONS,
  answerClientError,
  gracefulShutdown,
} from "./server.js";
import { HttpError, MAX_BODY_BYTES, loadConfig } from "./utils.js";

/** Builds the Express app around an open database and a pino logger. */
export function createApp({ db, logger }) {
  const app = express();
  app.disable("x-powered-by");
  app.use((req, res, next) => {
    res.set("X-Content-Type-Options", "nosniff");
    next();
  });
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
  app.use(rejectMalformedPath);
  app.use(rejectLargeBody);
  app.use(createRouter(db));
  app.use((req, res) => {
    sendError(req, res, 404, "not found");
  });
  app.use(errorHandler);
  return app;
}

/** Answers 400 when the path holds a percent-escape that does not decode. */
function rejectMalformedPath(req, res, next) {
  try {
    decodeURIComponent(req.path);
  } catch {
    next(new HttpError(400, "malformed percent-escape in path"));
    return;
  }
  next();
}

/**
 * Refuses a body over the limit from its Content-Length, before reading it.
 * A body without a length is cut at the limit by jsonBody (src/body.js).
 */
function rejectLargeBody(req, res, next) {
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > MAX_BODY_BYTES) {
    next(new HttpError(413, "request body too large"));
    return;
  }
  next();
}

function errorHandler(err, req, res, next) {
  if (res.headersSent) {
    next(err);
    return;
  }
  const [status, message] = describeError(err);
  if (status >= 500) {
    req.log.error({ err }, "unhandled error");
  }
  sendError(req, res, status, message);
}

/** Maps an error to the status and message of the JSON answer. */
function describeError(err) {
  if (err instanceof HttpError) {
    return [err.status, err.message];
  }
  const status = err.status ?? err.statusCode;
  if (err.expose && status >= 400 && status < 500) {
    return [status, err.message.toLowerCase()];
  }
  return [500, "internal server error"];
}

/**
 * Sends `{"error": message}`. When the request body was not read to the
 * end (a refused upload), the rest of it is left unread and the connection
 * is closed after the answer.
 */
function sendError(req, res, status, message) {
  if (!req.complete && hasBody(req)) {
    closeUnread(req, res);
  }
  res.status(status).json({ error: message });
}

/**
 * Stops reading the body and closes the connection once the answer is
 * written. After a `Connection: close` answer Node's HTTP server calls
 * socket.destroySoon(), which destroys the socket at once; closing a
 * socket with unread data sends a TCP reset that can make the client lose
 * the answer. So the socket is ended (FIN) and destroyed a moment later.
 */
function closeUnread(req, res) {
  // A paused reader: Node would otherwise read the rest of the body to
  // discard it.
  req.on("data", () => {});
  req.pause();
  res.set("Connection", "close");
  const { socket } = req;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_LINGER_MS);
  };
}

function hasBody(req) {
  return (
    req.headers["transfer-encoding"] !== undefined ||
    Number(req.headers["content-length"] ?? 0) > 0
  );
}

/** Starts the server from environment variables (and `.env`, if present). */
function main() {
  let config;
  try {
    loadEnvFile();
    config = loadConfig(process.env);
  } catch (err) {
    pino().fatal({ err }, `invalid configuration: ${err.message}`);
    process.exitCode = 1;
    return;
  }
  const logger = pino({ level: config.logLevel });

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

  const server = http.createServer(SERVER_OPTIONS, createApp({ db, logger }));
  const shutdown = gracefulShutdown(server, db, logger);

  server.on("listening", () => {
    const { address, port } = server.address();
    logger.info({ host: address, port }, "server listening");
  });

  server.on("clientError", answerClientError);

  server.on("error", (err) => {
    logger.fatal({ err }, "server error");
    db.close();
    process.exitCode = 1;
  });

  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);

  server.listen({ host: config.host, port: config.port });
}

/** Reads `.env` into process.env; variables already set win, a missing file is fine. */
function loadEnvFile() {
  try {
    process.loadEnvFile(".env");
  } catch (err) {
    if (err.code !== "ENOENT") {
      throw err;
    }
  }
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
