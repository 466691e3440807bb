/**
 * JSON answers. Ids are kept as decimal strings (a JavaScript number cannot
 * hold every 64-bit id) and written as JSON numbers with JSON.rawJSON.
 */

import type { Response } from "express";

declare global {
  interface JSON {
    /** Node.js 22+: a value JSON.stringify writes as the given JSON text. */
    rawJSON(text: string): unknown;
  }
}

/** An id written as a JSON number, digit for digit. */
export function jsonId(id: string): unknown {
  return JSON.rawJSON(id);
}

/** Answers status with body as application/json. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).type("application/json").send(JSON.stringify(body));
}
