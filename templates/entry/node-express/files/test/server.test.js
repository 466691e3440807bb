import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { it } from "node:test";
import { fileURLToPath } from "node:url";

const entryPoint = fileURLToPath(new URL("../src/app.js", import.meta.url));

it("serves requests and exits 0 on SIGTERM", { timeout: 15000 }, async (t) => {
  const child = spawn(process.execPath, [entryPoint], {
    env: {
      ...process.env,
      HOST: "127.0.0.1",
      PORT: "0",
      DATABASE_URL: ":memory:",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
    }
  });
  const lines = createInterface({ input: child.stdout });

  let port;
  for await (const line of lines) {
    const entry = JSON.parse(line);
    if (entry.msg === "server listening") {
      port = entry.port;
      break;
    }
  }
  assert.ok(port, "server did not report its port");

  const res = await fetch(`http://127.0.0.1:${port}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok" });

  child.kill("SIGTERM");
  const [code, signal] = await exited;
  assert.equal(signal, null);
  assert.equal(code, 0);
});
