/**
 * Every error answer is an RFC 9457 problem detail: the error handler maps
 * what a handler, a hook, the body parser or Fastify throws to the
 * contract's status and texts; the not-found handler answers 405 with Allow
 * for a path of the document asked with a method it does not serve, and 404
 * for every other path (a trailing slash included). A 500's cause goes to
 * the log with the request id, never to the client.
 */

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  badRequest,
  internalError,
  methodNotAllowed,
  notFoundPath,
  problemBody,
  tooLarge,
} from "../contract/problem";
import { type HttpMetrics, UNMATCHED } from "../contract/metrics";
import { idError } from "../contract/rules";
// Declares FastifyRequest.contractRoute, which this plugin decorates requests with.
import "../common/request";
import { recordAnswer, setHeaders } from "./observability";
import { bodyError } from "./validation";

/** Writes p as the answer to request. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  p: HttpProblem,
): FastifyReply {
  reply.code(p.status).headers(p.headers).type(PROBLEM_CONTENT_TYPE);
  return reply.send(JSON.stringify(problemBody(p, request.raw.url ?? "/")));
}

/** The contract's problem for an error a request ended with. */
export function problemOf(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) {
    return error;
  }
  const code = (error as Partial<FastifyError> | null)?.code;
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return tooLarge();
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_TYPE":
    case "FST_ERR_CTP_INVALID_TYPE":
      return badRequest([bodyError()]);
    default:
      return internalError();
  }
}

/**
 * The paths of the document with the methods each serves (HEAD with GET),
 * matched segment by segment against a raw request path; {id} matches any
 * one non-empty segment.
 */
export class DocumentPaths {
  private readonly paths: { template: string; segments: string[]; allow: string[] }[];

  constructor(allow: ReadonlyMap<string, string[]>) {
    this.paths = [...allow].map(([template, methods]) => ({
      template,
      segments: template.split("/"),
      allow: methods,
    }));
  }

  /** The document's path that rawPath (percent-escapes kept, no query) is, with its methods. */
  match(rawPath: string): { template: string; allow: string[] } | undefined {
    const segments = rawPath.split("/");
    return this.paths.find(
      (p) =>
        p.segments.length === segments.length &&
        p.segments.every((s, i) => {
          const given = segments[i] ?? "";
          return s.startsWith("{") ? given !== "" : s === given;
        }),
    );
  }
}

/** The path of a raw URL, without the query. */
function pathOf(rawUrl: string | undefined): string {
  const url = rawUrl ?? "/";
  const end = url.search(/[?#]/);
  return end < 0 ? url : url.slice(0, end);
}

export interface ErrorsOptions {
  /** The document's paths and their methods. */
  paths: DocumentPaths;
}

/** Installs the error and not-found handlers on the application. */
export const errorsPlugin = fp(
  (app: FastifyInstance, { paths }: ErrorsOptions, done: (err?: Error) => void) => {
    app.decorateRequest("contractRoute", undefined);

    app.setErrorHandler((error, request, reply) => {
      const p = problemOf(error);
      if (p.status >= 500) {
        request.log.error({ err: error }, "unexpected error");
      }
      return sendProblem(request, reply, p);
    });

    app.setNotFoundHandler((request, reply) => {
      const match = paths.match(pathOf(request.raw.url));
      if (match === undefined) {
        request.contractRoute = UNMATCHED;
        return sendProblem(request, reply, notFoundPath());
      }
      request.contractRoute = match.template;
      return sendProblem(request, reply, methodNotAllowed(match.allow));
    });
    done();
  },
  { name: "errors" },
);

/**
 * Fastify's frameworkErrors option: a path whose percent-escapes do not
 * decode (/api/v1/users/%ZZ) is a 400 naming id when it is an item's path of
 * the document, else a 404. Fastify answers these before any route or hook,
 * so the headers, the metrics and the log line are written here.
 */
export function frameworkErrors(paths: DocumentPaths, metrics: HttpMetrics) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const start = performance.now();
    let p: HttpProblem;
    const match = paths.match(pathOf(request.raw.url));
    if (error.code !== "FST_ERR_BAD_URL") {
      request.log.error({ err: error }, "unexpected error");
      request.contractRoute = match?.template ?? UNMATCHED;
      p = internalError();
    } else if (match?.template.includes("{id}") === true) {
      request.contractRoute = match.template;
      p = badRequest([idError()]);
    } else {
      request.contractRoute = UNMATCHED;
      p = notFoundPath();
    }
    reply.raw.once("finish", () => {
      recordAnswer(metrics, request, p.status, performance.now() - start);
    });
    setHeaders(request, reply);
    void sendProblem(request, reply, p);
  };
}
