/**
 * The JSON request body, read with a hard cap. express.json() reads the rest
 * of an oversized body to the end before it answers; this reader stops at
 * the cap, so a 100 MB upload costs at most MAX_BODY_BYTES of reading and
 * memory, and the connection is closed after the 413.
 */

import { HttpError, MAX_BODY_BYTES } from "./utils.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Middleware: sets `req.body` to the parsed JSON body, or fails with 400/413. */
export async function jsonBody(req, res, next) {
  if (!req.is("application/json")) {
    throw new HttpError(400, "content type must be application/json");
  }
  const charset = req.get("content-type").match(/;\s*charset="?([^";\s]+)/i);
  if (charset !== null && charset[1].toLowerCase() !== "utf-8") {
    throw new HttpError(400, "request body must be UTF-8");
  }
  const encoding = req.get("content-encoding");
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    throw new HttpError(400, "unsupported content encoding");
  }
  const raw = await readBody(req, MAX_BODY_BYTES);
  let text;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new HttpError(400, "request body must be UTF-8");
  }
  try {
    req.body = JSON.parse(text);
  } catch {
    // A SyntaxError, or a RangeError for nesting too deep to parse.
    throw new HttpError(400, "malformed JSON body");
  }
  next();
}

/**
 * Reads the request body into a Buffer. Past `limit` bytes it stops
 * reading (the stream stays paused) and rejects with a 413.
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let received = 0;
    const onData = (chunk) => {
      received += chunk.length;
      if (received > limit) {
        cleanup();
        req.pause();
        reject(new HttpError(413, "request body too large"));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (err) => {
      cleanup();
      reject(
        new HttpError(400, `request body could not be read: ${err.message}`),
      );
    };
    const cleanup = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}
