/**
 * The body of a POST or PATCH: a JSON object sent as application/json
 * (charset=utf-8 allowed), valid UTF-8, at most 1 MiB. Read here rather than
 * by a framework's JSON parser (express.json() reads an oversized body to
 * its end before it answers, and accepts invalid UTF-8): this reader
 * refuses a declared Content-Length over the limit without reading, and
 * stops a body without one at the limit, so an upload costs at most 1 MiB
 * of reading and memory. Every refusal of the body as a whole is a 400 with
 * one error for "#", or a 413. Whether the fields are valid is for the
 * validation that follows.
 */

import type { IncomingMessage } from "node:http";

import { badRequest, tooLarge, type HttpProblem } from "./problem";
import { MAX_BODY_BYTES, RULES, isJsonContentType } from "./rules";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The 400 of a body that is not one UTF-8 JSON object sent as application/json. */
export function notAnObject(): HttpProblem {
  return badRequest([{ pointer: "#", detail: RULES.object }]);
}

/** Reads and parses the body of req: a JSON object, or a thrown HttpProblem. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (Number(req.headers["content-length"] ?? 0) > MAX_BODY_BYTES) {
    throw tooLarge();
  }
  const raw = await readBody(req, MAX_BODY_BYTES);
  const encoding = req.headers["content-encoding"];
  if (
    !isJsonContentType(req.headers["content-type"]) ||
    (encoding ?? "identity").toLowerCase() !== "identity"
  ) {
    throw notAnObject();
  }
  let value: unknown;
  try {
    value = JSON.parse(UTF8.decode(raw));
  } catch {
    // Invalid UTF-8 (TypeError), or JSON the parser refuses (SyntaxError),
    // nesting too deep to parse (RangeError) included.
    throw notAnObject();
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw notAnObject();
  }
  return value as Record<string, unknown>;
}

/**
 * Reads the request body into a Buffer. Past limit bytes it stops reading
 * (the stream stays paused) and rejects with a 413; a body that cannot be
 * read (the client went away mid-body) is a 400.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const cleanup = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
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
    // Closed before its end: the client went away mid-body.
    const onClose = onError;
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}
