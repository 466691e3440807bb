/**
 * The architecture rules of .dependency-cruiser.cjs hold for src/, and they
 * do catch a break: a route that imports its repository, in a throwaway
 * project laid out like this one, fails the check.
 */

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");
const CLI = path.join(ROOT, "node_modules", "dependency-cruiser", "bin", "dependency-cruiser.mjs");

/** Runs dependency-cruiser on src/ of dir; returns its exit status and report. */
function cruise(dir: string): { status: number | null; output: string } {
  const run = spawnSync(
    process.execPath,
    [CLI, "src", "--config", CONFIG, "--output-type", "err"],
    {
      cwd: dir,
      encoding: "utf8",
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

describe("the architecture rules", () => {
  it("hold for the project", () => {
    const { status, output } = cruise(ROOT);
    expect(output).not.toMatch(/error/i);
    expect(status).toBe(0);
  });

  it.each([
    [
      "routes-not-to-repositories",
      "src/modules/widgets/widgets.routes.ts",
      'import "./widgets.repository";\n',
    ],
    [
      "services-not-to-http",
      "src/modules/widgets/widgets.service.ts",
      'import "./widgets.routes";\n',
    ],
    [
      "repositories-not-up",
      "src/modules/widgets/widgets.repository.ts",
      'import "./widgets.service";\n',
    ],
    [
      "modules-apart",
      "src/modules/gadgets/gadgets.service.ts",
      'import "../widgets/widgets.service";\n',
    ],
    [
      "lower-layers-not-up",
      "src/contract/rules.ts",
      'import "../modules/widgets/widgets.service";\n',
    ],
  ])("fail on a break of %s", (rule, file, text) => {
    const dir = mkdtempSync(path.join(tmpdir(), "architecture-"));
    try {
      for (const name of ["routes", "service", "repository"]) {
        write(dir, `src/modules/widgets/widgets.${name}.ts`, "export const x = 1;\n");
      }
      write(dir, "src/modules/gadgets/gadgets.service.ts", "export const y = 1;\n");
      write(dir, "src/contract/rules.ts", "export const z = 1;\n");
      write(dir, file, text);
      const { status, output } = cruise(dir);
      expect(status).not.toBe(0);
      expect(output).toContain(rule);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
