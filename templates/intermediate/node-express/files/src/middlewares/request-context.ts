/**
 * The outermost middleware: gives every request its id (kept from a
 * well-formed X-Request-ID, else a new UUID) and a logger carrying it, sets
 * the headers every answer has, and once the answer is written, counts it in
 * the metrics and logs the request's one access line.
 */

import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";

import { UNMATCHED, type HttpMetrics } from "../contract/metrics";
import { instanceOf } from "../contract/problem";
import { REQUEST_ID_HEADER, requestIdFromRaw } from "../contract/request-id";

export function requestContext(logger: Logger, metrics: HttpMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    req.id = requestIdFromRaw(req.rawHeaders);
    req.log = logger.child({ request_id: req.id });
    res.setHeader(REQUEST_ID_HEADER, req.id);
    res.setHeader("X-Content-Type-Options", "nosniff");

    let done = false;
    const onDone = (): void => {
      if (done) {
        return;
      }
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = res.locals.route ?? UNMATCHED;
      metrics.observe(req.method, route, res.statusCode, seconds);
      req.log.info(
        {
          method: req.method,
          path: instanceOf(req.originalUrl),
          route,
          status: res.statusCode,
          duration_ms: Math.round(seconds * 1e6) / 1e3,
        },
        res.writableFinished ? "request completed" : "request aborted",
      );
    };
    res.once("finish", onDone);
    res.once("close", onDone);
    next();
  };
}
