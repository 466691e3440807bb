/**
 * Checks the {id} of a path before anything else of the request: decimal
 * digits, no sign, no leading zero, 1 to 9223372036854775807, else 400
 * naming the parameter id (and the body is not read).
 */

import type { NextFunction, Request, Response } from "express";

import { badRequest } from "../contract/problem";
import { idError, parseId } from "../contract/rules";

export function requireId(req: Request, res: Response, next: NextFunction): void {
  const raw = req.params.id;
  const id = typeof raw === "string" ? parseId(raw) : undefined;
  if (id === undefined) {
    throw badRequest([idError()]);
  }
  res.locals.id = id;
  next();
}
