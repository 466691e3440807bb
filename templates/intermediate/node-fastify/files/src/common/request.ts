/**
 * The contract's request rules where Fastify's schema validation cannot
 * apply them: the {id} of a path (a 64-bit integer, checked before the body
 * is read) and the paging query (read from the raw query string, so that an
 * empty or repeated parameter is caught).
 */

import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";

import { UNMATCHED } from "../contract/metrics";
import { badRequest, notFoundPath } from "../contract/problem";
import { idError, parseId, parsePaging, type Paging } from "../contract/rules";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The route label of a request that no route answers (a 405's path as the
     * document writes it, or unmatched), for metrics and logs.
     */
    contractRoute: string | undefined;
  }
}

/**
 * An onRequest hook for the routes with an {id}: a malformed id is a 400
 * naming the parameter id, answered before the body is read, as the
 * contract orders the checks.
 */
export function checkId(
  request: FastifyRequest,
  _reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  let error: Error | undefined;
  // The router gives /api/v1/users/ an empty id; the document has no such path.
  if ((request.params as Record<string, unknown> | undefined)?.id === "") {
    request.contractRoute = UNMATCHED;
    done(notFoundPath());
    return;
  }
  try {
    idOf(request);
  } catch (err) {
    error = err instanceof Error ? err : new Error(String(err));
  }
  done(error);
}

/** The {id} of the request's path, checked; throws the 400 when it is malformed. */
export function idOf(request: FastifyRequest): string {
  const params = request.params as Record<string, unknown> | undefined;
  const raw = params?.id;
  const id = typeof raw === "string" ? parseId(raw) : undefined;
  if (id === undefined) {
    throw badRequest([idError()]);
  }
  return id;
}

/** The page and limit the request asks for; throws the 400 naming each invalid one. */
export function pagingOf(request: FastifyRequest): Paging {
  const paging = parsePaging(request.raw.url ?? "/");
  if (Array.isArray(paging)) {
    throw badRequest(paging);
  }
  return paging;
}
