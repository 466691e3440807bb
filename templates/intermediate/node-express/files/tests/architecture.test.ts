/**
 * The architecture rules of .dependency-cruiser.cjs hold for src/, and they
 * catch a violation: each rule is shown an import that breaks it, in a
 * throwaway project with the same configuration.
 */

import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "..");
const DEPCRUISE = path.join(
  ROOT,
  "node_modules",
  "dependency-cruiser",
  "bin",
  "dependency-cruiser.mjs",
);

/** Runs dependency-cruiser on src/ of dir; its exit status and output. */
async function depcruise(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(
      process.execPath,
      [DEPCRUISE, "src", "--config", ".dependency-cruiser.cjs", "--output-type", "err"],
      { cwd: dir },
    );
    return { code: 0, output: stdout };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("the architecture rules", () => {
  it("hold for src/", async () => {
    const { code, output } = await depcruise(ROOT);
    expect(output).toContain("no dependency violations found");
    expect(code).toBe(0);
  }, 60_000);

  describe("catch", () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "architecture-"));
      cpSync(path.join(ROOT, ".dependency-cruiser.cjs"), path.join(dir, ".dependency-cruiser.cjs"));
      cpSync(path.join(ROOT, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    });

    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    /** Writes src/ files; each value names the files it imports. */
    function project(files: Record<string, string[]>): void {
      rmSync(path.join(dir, "src"), { recursive: true, force: true });
      for (const [file, imports] of Object.entries(files)) {
        const full = path.join(dir, "src", file);
        mkdirSync(path.dirname(full), { recursive: true });
        const lines = imports.map((to, i) => {
          const rel = path
            .relative(path.dirname(full), path.join(dir, "src", to))
            .replace(/\.ts$/, "");
          return `import * as m${String(i)} from "${rel.startsWith(".") ? rel : `./${rel}`}";\nvoid m${String(i)};`;
        });
        writeFileSync(full, `${lines.join("\n")}\nexport const x = 1;\n`);
      }
    }

    it.each([
      ["controllers-not-to-data", "controllers/a.controller.ts", "repositories/a.repository.ts"],
      ["controllers-not-to-data", "controllers/a.controller.ts", "db/database.ts"],
      ["services-not-up", "services/a.service.ts", "controllers/a.controller.ts"],
      ["services-not-up", "services/a.service.ts", "routes/a.routes.ts"],
      ["services-not-to-db", "services/a.service.ts", "db/database.ts"],
      ["repositories-not-up", "repositories/a.repository.ts", "services/a.service.ts"],
      ["repositories-not-up", "repositories/a.repository.ts", "controllers/a.controller.ts"],
      ["models-not-up", "models/a.model.ts", "repositories/a.repository.ts"],
      ["routes-not-to-data", "routes/a.routes.ts", "repositories/a.repository.ts"],
      ["only-app-imports-routes", "controllers/a.controller.ts", "routes/a.routes.ts"],
      ["shared-code-not-up", "utils/a.ts", "services/a.service.ts"],
    ])(
      "%s: %s importing %s",
      async (rule, from, to) => {
        project({ [from]: [to], [to]: [] });
        const { code, output } = await depcruise(dir);
        expect(output).toContain(rule);
        expect(code).not.toBe(0);
      },
      60_000,
    );

    it("and let the layers call down", async () => {
      project({
        "app.ts": ["routes/a.routes.ts", "repositories/a.repository.ts"],
        "routes/a.routes.ts": ["controllers/a.controller.ts"],
        "controllers/a.controller.ts": ["services/a.service.ts", "models/a.model.ts"],
        "services/a.service.ts": ["repositories/a.repository.ts", "models/a.model.ts"],
        "repositories/a.repository.ts": ["db/database.ts", "models/a.model.ts"],
        "models/a.model.ts": [],
        "db/database.ts": [],
      });
      const { code, output } = await depcruise(dir);
      expect(output).toContain("no dependency violations found");
      expect(code).toBe(0);
    }, 60_000);
  });
});
