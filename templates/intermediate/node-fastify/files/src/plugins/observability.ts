/**
 * What every answer carries and what every request leaves behind: the
 * X-Request-ID and X-Content-Type-Options headers, the request's log line
 * (method, path, route, status, duration_ms; Fastify's child logger adds
 * request_id) and the contract's metrics, labelled with the route as the
 * document writes it or "unmatched".
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

import { type HttpMetrics, UNMATCHED, openApiRoute } from "../contract/metrics";
import { instanceOf } from "../contract/problem";

export interface ObservabilityOptions {
  metrics: HttpMetrics;
}

/** The route label of a request: its route as the document writes it, or unmatched. */
export function routeOf(request: FastifyRequest): string {
  if (request.contractRoute !== undefined) {
    return request.contractRoute;
  }
  const url = request.routeOptions.url;
  return url === undefined || url === "" ? UNMATCHED : openApiRoute(url);
}

/** Sets the headers every answer carries. */
export function setHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header("x-request-id", request.id);
  reply.header("x-content-type-options", "nosniff");
}

/** Counts an answered request and writes its log line. */
export function recordAnswer(
  metrics: HttpMetrics,
  request: FastifyRequest,
  status: number,
  milliseconds: number,
): void {
  const route = routeOf(request);
  metrics.observe(request.method, route, status, milliseconds / 1000);
  request.log.info(
    {
      method: request.method,
      path: instanceOf(request.raw.url ?? "/"),
      route,
      status,
      duration_ms: Math.round(milliseconds * 1000) / 1000,
    },
    "request completed",
  );
}

export const observabilityPlugin = fp(
  (app: FastifyInstance, { metrics }: ObservabilityOptions, done: (err?: Error) => void) => {
    app.addHook("onRequest", (request, reply, next) => {
      setHeaders(request, reply);
      next();
    });
    // Again before sending, so that an answer written after an error carries them too.
    app.addHook("onSend", (request, reply, payload, next) => {
      setHeaders(request, reply);
      next(null, payload);
    });
    app.addHook("onResponse", (request, reply, next) => {
      recordAnswer(metrics, request, reply.statusCode, reply.elapsedTime);
      next();
    });
    done();
  },
  { name: "observability", dependencies: ["errors"] },
);
