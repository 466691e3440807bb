/**
 * The one exception filter of the application: every error, whoever throws
 * it (a controller, a pipe, a guard, a middleware, Nest's router or Express),
 * is answered as the contract's RFC 9457 problem detail. Anything that is not
 * a known HTTP refusal is a 500 whose cause goes to the log with the request
 * id, never to the client.
 */

import { STATUS_CODES } from "node:http";

import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from "@nestjs/common";
import type { Request, Response } from "express";
import { InjectPinoLogger, PinoLogger } from "nestjs-pino";

import {
  HttpProblem,
  badRequest,
  PROBLEM_CONTENT_TYPE,
  internalError,
  notFoundPath,
  problemBody,
  tooLarge,
} from "../../contract/problem";
import { MAX_BODY_BYTES, idError } from "../../contract/rules";
import { requestContextOf } from "../http/request-context";
import { notAnObject } from "../../contract/json-body";

/** The statuses whose titles the contract spells (RFC 9110's, not Node.js's). */
const CONTRACT_STATUSES = new Set([400, 401, 404, 405, 409, 413, 500, 503]);

@Catch()
export class ProblemFilter implements ExceptionFilter {
  constructor(@InjectPinoLogger(ProblemFilter.name) private readonly logger: PinoLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = this.toProblem(exception, req);
    if (res.headersSent) {
      // Too late for a problem detail: end the connection so that the client
      // sees the answer is broken rather than waiting for the rest of it.
      res.destroy();
      return;
    }
    const body = problemBody(problem, req.originalUrl);
    if (!CONTRACT_STATUSES.has(problem.status)) {
      body.title = STATUS_CODES[problem.status] ?? body.title;
    }
    res.status(problem.status);
    for (const [name, value] of Object.entries(problem.headers)) {
      res.setHeader(name, value);
    }
    if (!req.complete) {
      lingerThenClose(req, res);
    }
    res.setHeader("Content-Type", PROBLEM_CONTENT_TYPE);
    res.send(JSON.stringify(body));
  }

  /** The problem detail that answers exception. */
  private toProblem(exception: unknown, req: Request): HttpProblem {
    if (exception instanceof HttpProblem) {
      return exception;
    }
    if (exception instanceof HttpException) {
      // Nest's own refusals: its router's 404 for a path no controller has.
      switch (exception.getStatus()) {
        case 404:
          return notFoundPath();
        case 413:
          return tooLarge();
        case 400:
          return malformedRequest(req);
      }
      // Another refusal of Nest's or of a library's (a 403 of a guard that
      // returns false): its status, and its message as the detail.
      const status = exception.getStatus();
      if (status >= 400 && status < 500) {
        return new HttpProblem(status, `${exception.message.replace(/\.$/, "")}.`);
      }
    } else if (clientErrorStatus(exception) === 400) {
      return malformedRequest(req);
    }
    this.logger.error({ err: causeOf(exception) }, "unexpected error");
    return internalError();
  }
}

/** How long, and how much more of it, a refused body is read after the answer. */
const LINGER_MS = 1000;
const LINGER_BYTES = MAX_BODY_BYTES;

/**
 * For an answer to a request whose body was refused unread (413, or a bad
 * path or id before the body): once the answer is written, reads and drops
 * what the client still sends for a moment, then closes the connection.
 * Closing at once would make the kernel reset it while the client is still
 * writing, and the client could lose the answer; a client whose body ends
 * within the moment keeps its connection.
 */
function lingerThenClose(req: Request, res: Response): void {
  res.once("finish", () => {
    if (req.complete) {
      return;
    }
    let drained = 0;
    const close = (): void => {
      clearTimeout(timer);
      req.socket.destroy();
    };
    const timer = setTimeout(close, LINGER_MS);
    timer.unref();
    req.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_BYTES) {
        close();
      }
    });
    req.once("end", () => {
      clearTimeout(timer);
    });
    req.resume();
  });
}

/**
 * What the log says of an unexpected error: its type, message and stack,
 * and not the other members an error may carry (TypeORM's hold the query's
 * parameters, which can be fields of a request body).
 */
function causeOf(err: unknown): Record<string, string | undefined> {
  if (err instanceof Error) {
    return { type: err.name, message: err.message, stack: err.stack };
  }
  return { type: typeof err, message: String(err) };
}

/**
 * The problem of a request Express or Nest refused as malformed before the
 * application saw it: a path segment with a malformed percent-escape (the
 * id's 400, or a 404 for a path the document does not list), else a body.
 */
function malformedRequest(req: Request): HttpProblem {
  const match = requestContextOf(req)?.match;
  if (match === undefined) {
    return notFoundPath();
  }
  return match.params.id !== undefined && !decodable(match.params.id)
    ? badRequest([idError()])
    : notAnObject();
}

function decodable(segment: string): boolean {
  try {
    decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** The status of an http-errors style error Express raised, if any. */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err === "object" && err !== null && "status" in err && "expose" in err) {
    const { status } = err;
    return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
  }
  return undefined;
}
