/**
 * The last middlewares: 404 for a path the API does not have, and the error
 * handler that answers every error as an RFC 9457 problem detail. An error
 * the application does not expect is a 500 whose cause is logged at error
 * level with the request id, and never sent to the client.
 */

import type { NextFunction, Request, Response } from "express";

import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  badRequest,
  conflictEmail,
  internalError,
  notFoundItem,
  notFoundPath,
  problemBody,
} from "../contract/problem";
import { idError } from "../contract/rules";
import { EmailTakenError, NotFoundError } from "../models/errors";
import { closeUnread, hasBody } from "../utils/http";

/** Answers 404 for every request no route took. */
export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(notFoundPath());
}

/** The problem that answers err. */
export function problemOf(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) {
    return err;
  }
  if (err instanceof NotFoundError) {
    return notFoundItem(err.item, err.id);
  }
  if (err instanceof EmailTakenError) {
    return conflictEmail();
  }
  // Express could not percent-decode a path parameter: the only one is {id}.
  if (err instanceof URIError) {
    return badRequest([idError()]);
  }
  return internalError();
}

/**
 * What the log says of an unexpected error: its type, code, message and
 * stack, and not the other members a driver may attach (PostgreSQL's
 * "detail" can quote the values of a failing row, that is, what a client
 * sent).
 */
export function causeOf(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) {
    return { type: typeof err };
  }
  const cause: Record<string, unknown> = { type: err.name, message: err.message, stack: err.stack };
  if ("code" in err) {
    cause.code = err.code;
  }
  return cause;
}

export function errorHandler(err: unknown, req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) {
    req.log.error({ err: causeOf(err) }, "error after the answer was started");
    next(err);
    return;
  }
  const problem = problemOf(err);
  if (problem.status >= 500) {
    req.log.error({ err: causeOf(err) }, "unexpected error");
  }
  if (!req.complete && hasBody(req)) {
    closeUnread(req, res);
  }
  res.set(problem.headers);
  res
    .status(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problemBody(problem, req.originalUrl)));
}
