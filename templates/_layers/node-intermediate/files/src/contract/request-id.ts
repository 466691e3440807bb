/**
 * Request ids: a client's X-Request-ID is kept when it is given once and
 * well formed; otherwise the server makes a random (version 4) UUID.
 */

import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "X-Request-ID";

const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Returns the request id for the X-Request-ID header values of a request
 * (as Node.js gives them: undefined, one string, or the values of repeated
 * headers joined by ", " or in an array).
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  if (typeof header === "string" && WELL_FORMED.test(header)) {
    return header;
  }
  return randomUUID();
}

/**
 * Returns the request id for a request's raw headers (name, value, name,
 * value, ...), which tell a header given twice from one holding a comma.
 */
export function requestIdFromRaw(rawHeaders: readonly string[]): string {
  let value: string | undefined;
  let count = 0;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === "x-request-id") {
      count++;
      value = rawHeaders[i + 1];
    }
  }
  return count === 1 ? requestIdFrom(value) : randomUUID();
}
