/**
 * What the application knows about a request from its first middleware on:
 * its id, when it started and the document's route it matched.
 */

import type { IncomingMessage } from "node:http";

import type { RouteMatch } from "./route-table";

export interface RequestContext {
  /** The request id, sent back in X-Request-ID and logged as request_id. */
  id: string;
  /** process.hrtime.bigint() when the request arrived. */
  start: bigint;
  /** The path as sent, without the query. */
  path: string;
  /** The route of the OpenAPI document the path matched, if any. */
  match: RouteMatch | undefined;
}

const contexts = new WeakMap<IncomingMessage, RequestContext>();

/** Attaches ctx to req. */
export function setRequestContext(req: IncomingMessage, ctx: RequestContext): void {
  contexts.set(req, ctx);
}

/** The context of req; the request-context middleware sets it on every request. */
export function requestContextOf(req: IncomingMessage): RequestContext | undefined {
  return contexts.get(req);
}

/** Milliseconds since the request arrived, with microseconds. */
export function elapsedMs(ctx: RequestContext): number {
  return Number(process.hrtime.bigint() - ctx.start) / 1e6;
}
