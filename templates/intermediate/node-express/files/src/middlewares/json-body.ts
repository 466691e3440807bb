/**
 * The body of a POST or PATCH, read by the contract's reader
 * (contract/json-body.ts): a JSON object sent as application/json, valid
 * UTF-8, at most 1 MiB, or a 400/413 problem passed on to the error handler.
 */

import type { NextFunction, Request, Response } from "express";

import { readJsonObject } from "../contract/json-body";

export async function jsonBody(req: Request, _res: Response, next: NextFunction): Promise<void> {
  req.body = await readJsonObject(req);
  next();
}
