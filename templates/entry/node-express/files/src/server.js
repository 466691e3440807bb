/**
 * The HTTP server around the app: its timeouts, the answer to requests that
 * Node's parser refuses, and the graceful shutdown on SIGTERM or SIGINT.
 */

import net from "node:net";

/** How long in-flight requests get to finish after SIGTERM. */
const SHUTDOWN_TIMEOUT_MS = 8000;

/** How often idle keep-alive connections are closed while shutting down. */
const IDLE_SWEEP_MS = 250;

/**
 * How long a connection the server refuses stays half-open after the
 * answer, so that the client reads the answer before the close.
 */
export const CLOSE_LINGER_MS = 1000;

/** Server timeouts: slow clients are cut off instead of holding sockets. */
export const SERVER_OPTIONS = {
  headersTimeout: 10_000,
  requestTimeout: 60_000,
  connectionsCheckingInterval: 1000,
};

/**
 * Answers a request that Node's HTTP parser refused before the app saw it
 * (a control character in the path or a header, headers too large, headers
 * too slow) in JSON like every other answer, then closes the connection.
 */
export function answerClientError(err, socket) {
  if (err.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] = {
    HPE_HEADER_OVERFLOW: [
      431,
      "Request Header Fields Too Large",
      "request headers too large",
    ],
    ERR_HTTP_REQUEST_TIMEOUT: [408, "Request Timeout", "request timeout"],
  }[err.code] ?? [400, "Bad Request", "malformed request"];
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      "Content-Type: application/json; charset=utf-8\r\n" +
      "X-Content-Type-Options: nosniff\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
  setTimeout(() => socket.destroy(), CLOSE_LINGER_MS);
}

/**
 * Returns the signal handler: stop accepting, let in-flight requests finish
 * (their answers say `Connection: close`), close idle keep-alive
 * connections, then close the database. Connections still open after
 * SHUTDOWN_TIMEOUT_MS are closed.
 */
export function gracefulShutdown(server, db, logger) {
  const inFlight = new Set();
  let closing = false;
  server.prependListener("request", (req, res) => {
    if (closing) {
      res.setHeader("Connection", "close");
    }
    inFlight.add(res);
    res.once("close", () => inFlight.delete(res));
  });

  return (signal) => {
    logger.info({ signal }, "shutting down");
    closing = true;
    for (const res of inFlight) {
      if (!res.headersSent) {
        res.setHeader("Connection", "close");
      }
    }
    // A keep-alive connection looks idle while a request that has already
    // arrived waits in the event loop; closing it then would reset that
    // request. So idle connections are closed a moment later, and again
    // until none is left.
    const sweep = setInterval(
      () => server.closeIdleConnections(),
      IDLE_SWEEP_MS,
    );
    const deadline = setTimeout(() => {
      logger.warn("shutdown timed out, closing the remaining connections");
      server.closeAllConnections();
    }, SHUTDOWN_TIMEOUT_MS);
    deadline.unref();

    // net.Server's close() stops accepting and calls back once the last
    // connection has closed; http.Server's close() would also close the
    // idle connections at once.
    net.Server.prototype.close.call(server, () => {
      clearInterval(sweep);
      clearTimeout(deadline);
      try {
        db.close();
      } catch (err) {
        logger.error({ err }, "error while closing the database");
        process.exitCode = 1;
      }
      logger.info("shutdown complete");
    });
  };
}
