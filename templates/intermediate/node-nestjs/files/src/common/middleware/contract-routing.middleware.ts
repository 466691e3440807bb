/**
 * Refuses, before any controller runs, what the OpenAPI document does not
 * serve: a path it does not list (404, a trailing slash or another letter
 * case included), a method it does not give the path (405 with Allow), and
 * an {id} that is not an id (400 naming the parameter, before the body is
 * read: the contract checks the path first).
 */

import { Injectable, type NestMiddleware } from "@nestjs/common";
import type { NextFunction, Request, Response } from "express";

import { badRequest, methodNotAllowed, notFoundPath } from "../../contract/problem";
import { idError, parseId } from "../../contract/rules";
import { requestContextOf } from "../http/request-context";

@Injectable()
export class ContractRoutingMiddleware implements NestMiddleware<Request, Response> {
  use(req: Request, _res: Response, next: NextFunction): void {
    const match = requestContextOf(req)?.match;
    if (match === undefined) {
      throw notFoundPath();
    }
    if (!match.methods.includes(req.method)) {
      throw methodNotAllowed(match.methods);
    }
    const id = match.params.id;
    if (id !== undefined && parseId(decodeSegment(id) ?? "") === undefined) {
      throw badRequest([idError()]);
    }
    next();
  }
}

/** A path segment with its percent-escapes decoded, or undefined when one is malformed. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
