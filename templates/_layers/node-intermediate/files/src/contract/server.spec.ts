import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";

import { createLogger } from "./logger";
import { SERVER_TIMEOUTS, gracefulStop, tuneServer } from "./server";

const silent = createLogger(
  "error",
  new Writable({
    write: (_c, _e, cb) => {
      cb();
    },
  }),
);

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function get(port: number, path: string): Promise<{ res: IncomingMessage; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => {
        resolve({ res, body });
      });
    })
      .on("error", reject)
      .end();
  });
}

describe("tuneServer", () => {
  it("sets the contract's timeouts", () => {
    const server = createServer();
    tuneServer(server);
    expect(server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeout);
    expect(server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeout);
  });
});

describe("gracefulStop", () => {
  it("lets an in-flight request finish, then closes the database once", async () => {
    let release: () => void = () => undefined;
    const server = createServer((_req, res) => {
      release = () => res.end("done");
    });
    let closed = 0;
    const stop = gracefulStop(
      server,
      () => {
        closed++;
        return Promise.resolve();
      },
      silent,
    );
    const port = await listen(server);
    const answer = get(port, "/slow");
    await new Promise((r) => setTimeout(r, 100));

    const stopped = Promise.all([stop(), stop()]);
    await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(0);
    release();

    const { res, body } = await answer;
    expect(body).toBe("done");
    expect(res.headers.connection).toBe("close");
    await stopped;
    expect(closed).toBe(1);
    expect(server.listening).toBe(false);
  });
});
