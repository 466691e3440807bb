/**
 * The architecture as rules (npm run architecture, and test/architecture.spec.ts
 * proves a broken rule fails the run). Each module is a Fastify plugin in
 * src/modules/<module>/: routes -> service -> repository, and nothing else
 * in between:
 * - routes (HTTP) never reach a repository or the database: they go through the service;
 * - a service knows neither HTTP routes nor Fastify plugins;
 * - a repository knows neither services nor routes;
 * - a module never imports another module's files;
 * - the shared lower layers (contract, config, db, common) import no module,
 *   plugin or the app, and plugins import no module;
 * - no cycles.
 */
module.exports = {
  forbidden: [
    {
      name: "routes-not-to-repositories",
      comment: "Routes call their service; only the service uses the repository.",
      severity: "error",
      from: { path: "(^|/)src/modules/[^/]+/[^/]+\\.routes\\.ts$" },
      to: { path: ["(^|/)src/modules/[^/]+/[^/]+\\.repository\\.ts$", "(^|/)src/db/"] },
    },
    {
      name: "services-not-to-http",
      comment: "A service holds the business rules, whatever serves them.",
      severity: "error",
      from: { path: "(^|/)src/modules/[^/]+/[^/]+\\.service\\.ts$" },
      to: {
        path: [
          "(^|/)src/modules/[^/]+/[^/]+\\.(routes|schemas)\\.ts$",
          "(^|/)src/plugins/",
          "(^|/)src/app\\.ts$",
          "^fastify$|(^|/)node_modules/fastify/",
        ],
      },
    },
    {
      name: "repositories-not-up",
      comment: "A repository stores and loads; it knows nothing above it.",
      severity: "error",
      from: { path: "(^|/)src/modules/[^/]+/[^/]+\\.repository\\.ts$" },
      to: {
        path: [
          "(^|/)src/modules/[^/]+/[^/]+\\.(service|routes|schemas)\\.ts$",
          "(^|/)src/plugins/",
          "(^|/)src/app\\.ts$",
        ],
      },
    },
    {
      name: "modules-apart",
      comment: "A module never imports another module's files.",
      severity: "error",
      from: { path: "(^|/)src/modules/([^/]+)/" },
      to: { path: "(^|/)src/modules/", pathNot: "(^|/)src/modules/$2/" },
    },
    {
      name: "lower-layers-not-up",
      comment: "contract, config, db and common are below every module, plugin and the app.",
      severity: "error",
      from: { path: "(^|/)src/(contract|config|db|common)/" },
      to: { path: ["(^|/)src/modules/", "(^|/)src/plugins/", "(^|/)src/(app|main)\\.ts$"] },
    },
    {
      name: "plugins-not-to-modules",
      comment: "The cross-cutting plugins serve every module and know none.",
      severity: "error",
      from: { path: "(^|/)src/plugins/" },
      to: { path: ["(^|/)src/modules/", "(^|/)src/(app|main)\\.ts$"] },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.spec\\.ts$" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};
