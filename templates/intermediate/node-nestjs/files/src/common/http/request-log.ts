/**
 * The request log of the contract through nestjs-pino (pino-http): each
 * request ends with one info line carrying method, path, route, status and
 * duration_ms, and every line written while it is handled carries its
 * request_id (nestjs-pino's PinoLogger binds it in services too).
 */

import type { IncomingMessage, ServerResponse } from "node:http";

import type { Params } from "nestjs-pino";
import type { Logger } from "pino";

import { UNMATCHED } from "../../contract/metrics";
import { elapsedMs, requestContextOf } from "./request-context";

/** The members of the line that ends a request. */
export function requestLine(
  req: IncomingMessage,
  res: ServerResponse,
): Record<string, string | number> {
  const ctx = requestContextOf(req);
  return {
    method: req.method ?? "",
    path: ctx?.path ?? "",
    route: ctx?.match?.route ?? UNMATCHED,
    status: res.statusCode,
    duration_ms: ctx === undefined ? 0 : Math.round(elapsedMs(ctx) * 1000) / 1000,
  };
}

/** The nestjs-pino options: pino-http on the application's logger. */
export function requestLogOptions(logger: Logger): Params {
  return {
    pinoHttp: {
      logger,
      genReqId: (req) => requestContextOf(req)?.id ?? "",
      customAttributeKeys: { reqId: "request_id" },
      // Bind only the request id, never the request itself (headers, body).
      quietReqLogger: true,
      quietResLogger: true,
      // One info line per request, whatever its status; a 500's cause is
      // logged at error by the problem filter.
      customLogLevel: () => "info",
      customSuccessMessage: () => "request completed",
      customErrorMessage: () => "request completed",
      customSuccessObject: requestLine,
      customErrorObject: requestLine,
    },
  };
}
