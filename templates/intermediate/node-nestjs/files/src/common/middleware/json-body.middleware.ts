/**
 * Reads the JSON body of a POST or PATCH (Nest's own body parser is off).
 * express.json() would read the rest of an oversized body before answering
 * and would accept invalid UTF-8; this reader refuses a declared length over
 * 1 MiB before reading anything, stops reading at the cap when no length is
 * declared (413), and requires application/json, UTF-8 and one JSON object
 * (400 with the single error "#"). Whether the fields are valid is the
 * validation pipe's job.
 */

import { Injectable, type NestMiddleware } from "@nestjs/common";
import type { NextFunction, Request, Response } from "express";

import { badRequest, tooLarge, type HttpProblem } from "../../contract/problem";
import { MAX_BODY_BYTES, RULES, isJsonContentType } from "../../contract/rules";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The 400 of a body that is not one JSON object sent as application/json. */
export function notAnObject(): HttpProblem {
  return badRequest([{ pointer: "#", detail: RULES.object }]);
}

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

/** Reads and parses the body of req: a JSON object, or a thrown HttpProblem. */
export async function readJsonObject(req: Request): Promise<Record<string, unknown>> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    throw tooLarge();
  }
  const raw = await readBody(req, MAX_BODY_BYTES);
  const encoding = req.headers["content-encoding"];
  if (!isJsonContentType(req.headers["content-type"]) || (encoding ?? "identity") !== "identity") {
    throw notAnObject();
  }
  let value: unknown;
  try {
    // A SyntaxError, or a RangeError for nesting too deep to parse.
    value = JSON.parse(UTF8.decode(raw));
  } catch {
    throw notAnObject();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw notAnObject();
  }
  return value as Record<string, unknown>;
}

/**
 * Reads the body of req into a Buffer. Past limit bytes it stops reading
 * (the stream stays paused, and the 413 closes the connection).
 */
function readBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("aborted", onAborted);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        req.pause();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (): void => {
      cleanup();
      reject(notAnObject());
    };
    const onAborted = onError;
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("aborted", onAborted);
  });
}
