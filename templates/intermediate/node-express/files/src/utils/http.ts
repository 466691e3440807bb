/** Small helpers around Node.js's and Express's request and response. */

import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

import type { Response } from "express";

/**
 * How long a connection closed after an answer (a refused upload) stays
 * half-open, so that the client reads the answer before the close.
 */
export const CLOSE_LINGER_MS = 1000;

/** The {id} of the path, checked by the requireId middleware before the controller runs. */
export function pathId(res: Response): string {
  const { id } = res.locals;
  if (id === undefined) {
    throw new Error("the route has no requireId middleware before its controller");
  }
  return id;
}

/** Reports whether the request announces a body (a length above zero, or chunks). */
export function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0
  );
}

/**
 * Leaves the rest of a request body unread and closes the connection once
 * the answer is written. Node.js would otherwise read an unread body to the
 * end to discard it (a 100 MB upload, for a 413). After a
 * "Connection: close" answer Node.js destroys the socket at once, and
 * closing a socket with unread data sends a TCP reset that can make the
 * client lose the answer; so the socket is ended (FIN) and destroyed a
 * moment later.
 */
export function closeUnread(req: IncomingMessage, res: Response): void {
  req.on("data", () => undefined);
  req.pause();
  res.set("Connection", "close");
  const socket: Socket = req.socket;
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), CLOSE_LINGER_MS).unref();
  };
}
