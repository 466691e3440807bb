/**
 * Request bodies: JSON only, at most 1 MiB. A body over the limit is a 413
 * (refused from Content-Length before it is read, and never read past the
 * limit); a body that is not valid UTF-8 JSON sent as application/json (a
 * charset=utf-8 parameter is allowed) is a 400 for the body as a whole. A
 * key given twice keeps its last value, as JSON.parse does; "__proto__" is
 * an ordinary (unknown) field to JSON.parse, never a prototype.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

import { badRequest, tooLarge } from "../contract/problem";
import { MAX_BODY_BYTES, isJsonContentType } from "../contract/rules";
import { bodyError } from "./validation";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Parses a JSON body; throws the contract's 400 when it is not UTF-8 JSON sent as application/json. */
export function parseJsonBody(contentType: string | undefined, body: Buffer): unknown {
  if (!isJsonContentType(contentType)) {
    throw badRequest([bodyError()]);
  }
  try {
    return JSON.parse(utf8.decode(body)) as unknown;
  } catch {
    throw badRequest([bodyError()]);
  }
}

type Done = (err: Error | null, body?: unknown) => void;

/**
 * A declared body up to this size is read to its end and dropped after its
 * 413, so the client, still writing, reads the answer; a larger one closes
 * the connection instead of reading it (the client may then see the close
 * before the answer, the price of not reading many megabytes).
 */
export const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;

/**
 * Refuses a declared Content-Length over the limit before the body is
 * parsed (after the route's {id} check). Fastify's own refusal closes the
 * connection while the client is still sending, and the client can lose
 * the 413 to the reset; answering here lets Node read the rest of a
 * moderately oversized body and keep the connection.
 */
export function refuseDeclaredOversize(
  request: FastifyRequest,
  reply: FastifyReply,
  _payload: unknown,
  done: (err?: Error | null) => void,
): void {
  const declared = Number(request.headers["content-length"] ?? 0);
  if (declared <= MAX_BODY_BYTES) {
    done();
    return;
  }
  if (declared > DRAIN_LIMIT_BYTES) {
    void reply.header("connection", "close");
  }
  done(tooLarge());
}

/** Replaces Fastify's body parsers with the contract's. */
export const bodyPlugin = fp(
  (app: FastifyInstance, _options: object, done: (err?: Error) => void) => {
    app.addHook("preParsing", refuseDeclaredOversize);
    app.removeAllContentTypeParsers();
    const options = { parseAs: "buffer", bodyLimit: MAX_BODY_BYTES } as const;
    app.addContentTypeParser(
      "application/json",
      options,
      (request: FastifyRequest, body: Buffer, parsed: Done) => {
        try {
          parsed(null, parseJsonBody(request.headers["content-type"], body));
        } catch (err) {
          parsed(err as Error);
        }
      },
    );
    // Any other content type (or none): the body is read up to the limit,
    // so that an oversized one is a 413, then refused as not JSON.
    app.addContentTypeParser(
      "*",
      options,
      (_request: FastifyRequest, _body: Buffer, parsed: Done) => {
        parsed(badRequest([bodyError()]));
      },
    );
    done();
  },
  { name: "body" },
);
