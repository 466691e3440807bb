/**
 * Reads the JSON body of a POST or PATCH (Nest's own body parser is off)
 * with the contract's reader (contract/json-body.ts): a declared length over
 * 1 MiB is refused before reading anything, a body without one is cut at
 * the cap (413), and only one UTF-8 JSON object sent as application/json
 * passes (else 400 with the single error "#"). Whether the fields are valid
 * is the validation pipe's job.
 */

import { Injectable, type NestMiddleware } from "@nestjs/common";
import type { NextFunction, Request, Response } from "express";

import { readJsonObject } from "../../contract/json-body";

@Injectable()
export class JsonBodyMiddleware implements NestMiddleware<Request, Response> {
  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    if (req.method !== "POST" && req.method !== "PATCH") {
      next();
      return;
    }
    req.body = await readJsonObject(req);
    next();
  }
}
