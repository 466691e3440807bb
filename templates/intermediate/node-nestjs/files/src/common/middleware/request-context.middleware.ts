/**
 * The first middleware of every request, mounted on Express before Nest's
 * router so that every answer has what the contract puts on all of them,
 * a 404 for an unknown path and an error of Express itself included: the
 * request id (X-Request-ID), X-Content-Type-Options: nosniff, and one
 * observation in the request metrics once the answer is written.
 */

import type { NextFunction, Request, Response } from "express";

import { UNMATCHED, type HttpMetrics } from "../../contract/metrics";
import { instanceOf } from "../../contract/problem";
import { REQUEST_ID_HEADER, requestIdFromRaw } from "../../contract/request-id";
import { elapsedMs, setRequestContext, type RequestContext } from "../http/request-context";
import type { RouteTable } from "../http/route-table";

export function requestContextMiddleware(
  routes: RouteTable,
  metrics: HttpMetrics,
): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const path = instanceOf(req.originalUrl);
    const ctx: RequestContext = {
      id: requestIdFromRaw(req.rawHeaders),
      start: process.hrtime.bigint(),
      path,
      match: routes.match(path),
    };
    setRequestContext(req, ctx);
    res.setHeader(REQUEST_ID_HEADER, ctx.id);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.once("finish", () => {
      metrics.observe(
        req.method,
        ctx.match?.route ?? UNMATCHED,
        res.statusCode,
        elapsedMs(ctx) / 1000,
      );
    });
    next();
  };
}
