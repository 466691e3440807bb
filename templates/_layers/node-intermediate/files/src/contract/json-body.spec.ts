import { PassThrough } from "node:stream";
import type { IncomingMessage } from "node:http";

import { HttpProblem } from "./problem";
import { notAnObject, readJsonObject } from "./json-body";
import { MAX_BODY_BYTES, RULES } from "./rules";

/** A request whose body is chunks, sent with headers. */
function request(headers: Record<string, string>, ...chunks: (string | Buffer)[]): IncomingMessage {
  const stream = new PassThrough();
  Object.assign(stream, { headers });
  for (const chunk of chunks) {
    stream.write(chunk);
  }
  stream.end();
  return stream as unknown as IncomingMessage;
}

const json = { "content-type": "application/json" };

async function refusal(req: IncomingMessage): Promise<HttpProblem> {
  try {
    await readJsonObject(req);
  } catch (err) {
    if (err instanceof HttpProblem) {
      return err;
    }
    throw err;
  }
  throw new Error("the body was accepted");
}

describe("readJsonObject", () => {
  it("reads a JSON object, in chunks, with a UTF-8 charset", async () => {
    await expect(readJsonObject(request(json, '{"name":', ' "Ada"}'))).resolves.toEqual({
      name: "Ada",
    });
    const utf8 = { "content-type": "application/json; charset=utf-8" };
    await expect(readJsonObject(request(utf8, '{"a":1,"a":2}'))).resolves.toEqual({ a: 2 });
  });

  it.each([
    ["a JSON array", json, "[]"],
    ["a JSON string", json, '"x"'],
    ["null", json, "null"],
    ["malformed JSON", json, '{"name":'],
    ["no content type", {}, "{}"],
    ["another content type", { "content-type": "text/plain" }, "{}"],
    ["a compressed body", { ...json, "content-encoding": "gzip" }, "{}"],
    ["invalid UTF-8", json, Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ["nesting too deep to parse", json, "[".repeat(200_000) + "]".repeat(200_000)],
  ])("refuses %s with one error for #", async (_name, headers, body) => {
    const p = await refusal(request(headers, body));
    expect(p.status).toBe(400);
    expect(p.errors).toEqual([{ pointer: "#", detail: RULES.object }]);
    expect(p.errors).toEqual(notAnObject().errors);
  });

  it("refuses a declared length over 1 MiB before reading", async () => {
    const req = request({ ...json, "content-length": String(MAX_BODY_BYTES + 1) });
    expect((await refusal(req)).status).toBe(413);
  });

  it("stops a body without a declared length at 1 MiB", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunks = Array.from({ length: 17 }, () => chunk);
    expect((await refusal(request(json, ...chunks))).status).toBe(413);
    const exact = Array.from({ length: 16 }, () => chunk);
    exact[15] = Buffer.concat([Buffer.alloc(64 * 1024 - 2, 0x20), Buffer.from("{}")]);
    await expect(readJsonObject(request(json, ...exact))).resolves.toEqual({});
  });
});
