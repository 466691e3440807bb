/**
 * The HTTP server around the application: timeouts that cut slow clients
 * off, and the graceful stop on SIGTERM or SIGINT.
 */

import type { Server, ServerResponse } from "node:http";
import net from "node:net";
import type { Logger } from "pino";

/** How long in-flight requests get to finish after SIGTERM. */
export const SHUTDOWN_TIMEOUT_MS = 8000;

/** How often idle keep-alive connections are closed while stopping. */
const IDLE_SWEEP_MS = 250;

/** The server's timeouts: a client gets 10 s to send its headers and 60 s for the whole request. */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  keepAliveTimeout: 5_000,
} as const;

/**
 * The options of http.createServer: the timeouts, and a check of them every
 * second (Node.js checks every 30 s by default, which would let a client
 * that never ends its headers hold a connection for that long). Only
 * createServer takes connectionsCheckingInterval, so create the server with
 * these; tuneServer cannot set it afterwards.
 */
export const SERVER_OPTIONS = {
  ...SERVER_TIMEOUTS,
  connectionsCheckingInterval: 1000,
} as const;

/**
 * Applies the timeouts to server. A request Node.js's parser refuses before
 * the application sees it (a control character in the path, headers too
 * large or too slow) keeps Node.js's own answer, as the contract allows.
 */
export function tuneServer(server: Server): void {
  server.headersTimeout = SERVER_TIMEOUTS.headersTimeout;
  server.requestTimeout = SERVER_TIMEOUTS.requestTimeout;
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeout;
}

/**
 * Returns the function that stops the server gracefully: it stops accepting,
 * lets in-flight requests finish (their answers say Connection: close),
 * closes idle keep-alive connections, then runs closeOthers (the database)
 * and resolves. Connections still open after SHUTDOWN_TIMEOUT_MS are closed.
 */
export function gracefulStop(
  server: Server,
  closeOthers: () => Promise<void>,
  logger: Logger,
): () => Promise<void> {
  let closing = false;
  const inFlight = new Set<ServerResponse>();
  server.prependListener("request", (_req, res) => {
    if (closing) {
      res.setHeader("Connection", "close");
    }
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });

  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= new Promise<void>((resolve) => {
      closing = true;
      for (const res of inFlight) {
        if (!res.headersSent) {
          res.setHeader("Connection", "close");
        }
      }
      // A keep-alive connection looks idle while a request that has already
      // arrived waits in the event loop; closing it at once would reset that
      // request, so idle connections are closed a moment later, and again
      // until none is left.
      const sweep = setInterval(() => {
        server.closeIdleConnections();
      }, IDLE_SWEEP_MS);
      const deadline = setTimeout(() => {
        logger.warn("shutdown timed out, closing the remaining connections");
        server.closeAllConnections();
      }, SHUTDOWN_TIMEOUT_MS);
      deadline.unref();
      // net.Server's close() stops accepting and calls back once the last
      // connection has closed; http.Server's would close idle ones at once.
      net.Server.prototype.close.call(server, () => {
        clearInterval(sweep);
        clearTimeout(deadline);
        closeOthers().then(
          () => {
            logger.info("shutdown complete");
            resolve();
          },
          (err: unknown) => {
            logger.error({ err }, "error while closing the database");
            process.exitCode = 1;
            resolve();
          },
        );
      });
    });
    return stopped;
  };
}

/** Calls stop on the first SIGTERM or SIGINT, logging the signal. */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, "shutting down");
    void stop();
  };
  process.once("SIGTERM", onSignal);
  process.once("SIGINT", onSignal);
}
