import assert from "node:assert/strict";
import { once } from "node:events";
import http from "node:http";
import { it } from "node:test";
import pino from "pino";
import { createApp } from "../src/app.js";
import { openDatabase } from "../src/db.js";

const MIB = 1024 * 1024;

const refusals = [
  ["POST", "/users", "application/json", 413, "request body too large"],
  [
    "POST",
    "/users",
    "text/plain",
    400,
    "content type must be application/json",
  ],
  ["PUT", "/users", "application/json", 405, "method not allowed"],
  ["POST", "/nope", "application/json", 404, "not found"],
];

for (const [method, path, type, status, error] of refusals) {
  it(
    `answers an endless ${type} upload to ${method} ${path} with ${status}, reading little of it`,
    { timeout: 20000 },
    async (t) => {
      const db = openDatabase(":memory:");
      const server = http.createServer(
        createApp({ db, logger: pino({ level: "silent" }) }),
      );
      const serverSockets = [];
      server.on("connection", (socket) => serverSockets.push(socket));
      server.listen(0, "127.0.0.1");
      await once(server, "listening");
      t.after(() => {
        server.closeAllConnections();
        server.close();
        db.close();
      });

      // Streams up to 100 MB of chunks until the answer arrives.
      const upload = 100_000_000;
      const chunk = Buffer.alloc(64 * 1024, " ");
      let sent = 0;
      let answered = false;
      const req = http.request({
        host: "127.0.0.1",
        port: server.address().port,
        method,
        path,
        headers: { "Content-Type": type, "Transfer-Encoding": "chunked" },
      });
      req.on("error", () => {}); // the server closes the connection after its answer
      const pump = () => {
        while (!answered && sent < upload) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once("drain", pump);
            return;
          }
        }
        req.end();
      };
      pump();
      const [res] = await once(req, "response");
      answered = true;
      let text = "";
      for await (const data of res) {
        text += data;
      }

      assert.equal(res.statusCode, status);
      assert.equal(res.headers.connection, "close");
      assert.deepEqual(JSON.parse(text), { error });
      assert.ok(
        sent < upload,
        `answered before the upload ended (${sent} bytes sent)`,
      );
      const read = serverSockets.reduce(
        (sum, socket) => sum + socket.bytesRead,
        0,
      );
      assert.ok(
        read < 2 * MIB,
        `the server read ${read} bytes, not much past the 1 MiB cap`,
      );
    },
  );
}
