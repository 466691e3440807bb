/**
 * The architecture rules of .dependency-cruiser.js catch what they forbid:
 * each case writes a small tree that breaks one rule and runs
 * dependency-cruiser over it with the project's own configuration.
 * (`npm run architecture` checks the real src/.)
 */

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "..");
const DEPCRUISE = path.join(
  ROOT,
  "node_modules",
  "dependency-cruiser",
  "bin",
  "dependency-cruiser.mjs",
);

/** Runs dependency-cruiser over a tree of files; returns the names of the rules broken. */
function brokenRules(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "arch-"));
  try {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    writeFileSync(
      path.join(dir, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "node20" } }),
    );
    let output: string;
    try {
      output = execFileSync(
        process.execPath,
        [
          DEPCRUISE,
          "src",
          "--config",
          path.join(ROOT, ".dependency-cruiser.js"),
          "--output-type",
          "json",
        ],
        { cwd: dir, encoding: "utf8" },
      );
    } catch (err) {
      // dependency-cruiser exits non-zero when a rule is broken; its report is on stdout.
      output = (err as { stdout: string }).stdout;
    }
    const report = JSON.parse(output) as { summary: { violations: { rule: { name: string } }[] } };
    return [...new Set(report.summary.violations.map((v) => v.rule.name))].sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const repository = "export class WidgetsRepository {}\n";
const service = "export class WidgetsService {}\n";
const controller = "export class WidgetsController {}\n";

describe("the architecture rules", () => {
  it("accept the layers in order", () => {
    expect(
      brokenRules({
        "src/modules/widgets/widgets.repository.ts": repository,
        "src/modules/widgets/widgets.service.ts": `import "./widgets.repository";\n${service}`,
        "src/modules/widgets/widgets.controller.ts": `import "./widgets.service";\n${controller}`,
        "src/modules/widgets/widgets.module.ts": 'import "./widgets.controller";\n',
        "src/modules/gadgets/gadgets.module.ts": 'import "../widgets/widgets.module";\n',
      }),
    ).toEqual([]);
  });

  it("refuse a controller that reaches a repository or an entity", () => {
    expect(
      brokenRules({
        "src/modules/widgets/widgets.repository.ts": repository,
        "src/modules/widgets/entities/widget.entity.ts": "export class WidgetEntity {}\n",
        "src/modules/widgets/widgets.controller.ts":
          'import "./widgets.repository";\nimport "./entities/widget.entity";\n',
      }),
    ).toEqual(["controller-to-repository"]);
  });

  it("refuse a service that imports a controller", () => {
    expect(
      brokenRules({
        "src/modules/widgets/widgets.controller.ts": controller,
        "src/modules/widgets/widgets.service.ts": 'import "./widgets.controller";\n',
      }),
    ).toEqual(["service-to-controller"]);
  });

  it("refuse a repository that imports a service", () => {
    expect(
      brokenRules({
        "src/modules/widgets/widgets.service.ts": service,
        "src/modules/widgets/widgets.repository.ts": 'import "./widgets.service";\n',
      }),
    ).toEqual(["repository-to-upper-layer"]);
  });

  it("refuse a module that reaches into another module's internals", () => {
    expect(
      brokenRules({
        "src/modules/widgets/widgets.service.ts": service,
        "src/modules/gadgets/gadgets.service.ts": 'import "../widgets/widgets.service";\n',
      }),
    ).toEqual(["module-internals"]);
  });

  it("refuse shared code that imports a feature module", () => {
    expect(
      brokenRules({
        "src/modules/widgets/widgets.service.ts": service,
        "src/common/helper.ts": 'import "../modules/widgets/widgets.service";\n',
      }),
    ).toEqual(["lower-layer-to-modules"]);
  });
});
