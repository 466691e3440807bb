import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const entryPoint = fileURLToPath(new URL("../src/app.js", import.meta.url));

/** A port that was free a moment ago. */
async function freePort() {
  const probe = net.createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address();
  probe.close();
  await once(probe, "close");
  return port;
}

/**
 * Starts `node src/app.js` in an empty working directory (with `dotenv` as
 * its .env file, if given) and collects its output.
 */
function start(t, env, dotenv) {
  const cwd = mkdtempSync(path.join(tmpdir(), "server-test-"));
  if (dotenv !== undefined) {
    writeFileSync(path.join(cwd, ".env"), dotenv);
  }
  const child = spawn(process.execPath, [entryPoint], {
    cwd,
    env: { PATH: process.env.PATH, DATABASE_URL: ":memory:", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (data) => (output += data));
  child.stderr.on("data", (data) => (output += data));
  const exited = once(child, "exit");
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
    }
    rmSync(cwd, { recursive: true, force: true });
  });
  return {
    child,
    exited,
    output: () => output,
    async listening() {
      while (!output.includes('"msg":"server listening"')) {
        if (child.exitCode !== null) {
          assert.fail(`the server exited: ${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return JSON.parse(
        output.split("\n").find((line) => line.includes("server listening")),
      );
    },
  };
}

/** Opens a raw connection; `answer` resolves with all it read once the server closes it. */
function connect(port) {
  const socket = net.connect(port, "127.0.0.1");
  const answer = new Promise((resolve, reject) => {
    let text = "";
    socket.on("data", (data) => (text += data));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  return { socket, answer };
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the server process", { timeout: 20000 }, () => {
  it("serves, then on SIGTERM finishes in-flight requests and exits 0", async (t) => {
    const port = await freePort();
    const server = start(t, { PORT: String(port), LOG_LEVEL: "info" });
    await server.listening();

    const res = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });

    // A keep-alive connection that sends its next request once shutdown has
    // begun, and a POST whose body is still arriving when the signal comes.
    const keepAlive = connect(port);
    keepAlive.socket.write("GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
    const body = JSON.stringify({ name: "Ada", email: "ada@example.com" });
    const slow = connect(port);
    slow.socket.write(
      `POST /users HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    slow.socket.write(body.slice(0, 10));
    await pause(300);

    server.child.kill("SIGTERM");
    while (!server.output().includes('"msg":"shutting down"')) {
      await pause(5);
    }
    keepAlive.socket.write("GET /users HTTP/1.1\r\nHost: test\r\n\r\n");
    for (const char of body.slice(10)) {
      await pause(20);
      slow.socket.write(char);
    }

    const answer = await slow.answer;
    assert.match(answer, /^HTTP\/1\.1 201 Created\r\n/);
    assert.match(answer, /\r\nConnection: close\r\n/i);
    const both = await keepAlive.answer;
    assert.match(both, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(
      both,
      /\r\n\r\n\{"status":"ok"\}HTTP\/1\.1 200 OK\r\n[^]*Connection: close\r\n[^]*\r\n\r\n\[\]$/i,
      "a request sent during shutdown is answered, not reset",
    );
    const [code, signal] = await server.exited;
    assert.equal(signal, null);
    assert.equal(code, 0, server.output());
    assert.match(server.output(), /"msg":"shutdown complete"/);
  });

  it("answers requests the HTTP parser refuses in JSON", async (t) => {
    const port = await freePort();
    const server = start(t, { PORT: String(port) });
    await server.listening();
    const refused = [
      [
        "GET /users/\u0000 HTTP/1.1\r\nHost: test\r\n\r\n",
        400,
        "malformed request",
      ],
      [
        "GET /users/1 HTTP/1.1\r\nHost: test\r\nX-A: \u0001\r\n\r\n",
        400,
        "malformed request",
      ],
      ["NONSENSE\r\n\r\n", 400, "malformed request"],
      [
        `GET / HTTP/1.1\r\nHost: test\r\nX-A: ${"a".repeat(20000)}\r\n\r\n`,
        431,
        "request headers too large",
      ],
    ];
    for (const [request, status, error] of refused) {
      const conn = connect(port);
      conn.socket.write(request);
      const answer = await conn.answer;
      assert.match(
        answer,
        new RegExp(`^HTTP/1\\.1 ${status} `),
        JSON.stringify(request.slice(0, 30)),
      );
      assert.match(answer, /\r\nX-Content-Type-Options: nosniff\r\n/);
      assert.match(
        answer,
        /\r\nContent-Type: application\/json; charset=utf-8\r\n/,
      );
      assert.deepEqual(JSON.parse(answer.split("\r\n\r\n")[1]), { error });
    }
  });

  for (const port of ["0", "65536", "abc", "80.5", "-1", " 80"]) {
    it(`refuses to start with PORT=${JSON.stringify(port)}`, async (t) => {
      const server = start(t, { PORT: port });
      const [code] = await server.exited;
      assert.equal(code, 1);
      assert.ok(
        server
          .output()
          .includes(
            `PORT must be an integer from 1 to 65535, got ${JSON.stringify(JSON.stringify(port)).slice(1, -1)}`,
          ),
        server.output(),
      );
    });
  }

  it("refuses to start with an unknown LOG_LEVEL", async (t) => {
    const server = start(t, { LOG_LEVEL: "verbose" });
    const [code] = await server.exited;
    assert.equal(code, 1);
    assert.match(
      server.output(),
      /LOG_LEVEL must be one of debug, info, warn, error, got \\"verbose\\"/,
    );
  });

  it("reads .env, and the environment wins over it", async (t) => {
    const port = await freePort();
    const server = start(
      t,
      { LOG_LEVEL: "info" },
      `PORT=${port}\nLOG_LEVEL=verbose\n`,
    );
    const listening = await server.listening();
    assert.equal(listening.port, port, "PORT comes from .env");
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    assert.equal(res.status, 200);
    server.child.kill("SIGTERM");
    const [code] = await server.exited;
    assert.equal(code, 0);
  });
});
