// The architecture rules of the project, checked by `npm run architecture`
// (part of verify) and proven by test/architecture.spec.ts, which runs them
// over files that break each rule.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "controller-to-repository",
      comment: "A controller talks to its service only, never to a repository or an entity.",
      severity: "error",
      from: { path: "\\.controller\\.ts$" },
      to: {
        path: ["\\.repository\\.ts$", "^src/modules/[^/]+/entities/", "^node_modules/typeorm/"],
      },
    },
    {
      name: "service-to-controller",
      comment: "A service does not know the HTTP layer above it.",
      severity: "error",
      from: { path: "\\.service\\.ts$" },
      to: { path: "\\.controller\\.ts$" },
    },
    {
      name: "repository-to-upper-layer",
      comment: "A repository does not know the services or controllers above it.",
      severity: "error",
      from: { path: "\\.repository\\.ts$" },
      to: { path: ["\\.service\\.ts$", "\\.controller\\.ts$"] },
    },
    {
      name: "module-internals",
      comment:
        "A feature module reaches another one only through its Nest module (<name>.module.ts), never its internals.",
      severity: "error",
      from: { path: "^src/modules/([^/]+)/" },
      to: {
        path: "^src/modules/([^/]+)/",
        pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/[^/]+\\.module\\.ts$"],
      },
    },
    {
      name: "lower-layer-to-modules",
      comment:
        "The shared code (contract, config, common, database) does not import a feature module.",
      severity: "error",
      from: { path: "^src/(contract|config|common|database)/" },
      to: { path: "^src/modules/" },
    },
    {
      name: "no-circular",
      comment: "Circular imports make the module graph fragile.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-test",
      comment: "The application never imports test code.",
      severity: "error",
      from: { path: "^src/", pathNot: "\\.spec\\.ts$" },
      to: { path: ["^test/", "\\.spec\\.ts$"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.spec\\.ts$" },
  },
};
