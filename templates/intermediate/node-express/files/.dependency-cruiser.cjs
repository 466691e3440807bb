/**
 * The architecture of src/ as rules that `npm run depcruise` (part of
 * `npm run verify`) enforces, and tests/architecture.test.ts proves it
 * catches: requests flow down from routes to controllers, services and
 * repositories, and no layer reaches up or skips one.
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "controllers-not-to-data",
      comment: "Controllers call services; the database is the repositories' business.",
      severity: "error",
      from: { path: "^src/controllers/" },
      to: { path: "^src/(repositories|db)/" },
    },
    {
      name: "services-not-up",
      comment: "Services know nothing of HTTP: no controllers, routes or middlewares.",
      severity: "error",
      from: { path: "^src/services/" },
      to: { path: "^src/(controllers|routes|middlewares|app\\.ts)" },
    },
    {
      name: "services-not-to-db",
      comment: "Services reach the database through repository interfaces only.",
      severity: "error",
      from: { path: "^src/services/" },
      to: { path: "^src/db/" },
    },
    {
      name: "repositories-not-up",
      comment:
        "Repositories are the bottom layer: no services, controllers, routes or middlewares.",
      severity: "error",
      from: { path: "^src/repositories/" },
      to: { path: "^src/(services|controllers|routes|middlewares|app\\.ts)" },
    },
    {
      name: "models-not-up",
      comment: "Models are plain data and their schemas: they import no other layer.",
      severity: "error",
      from: { path: "^src/models/" },
      to: { path: "^src/(services|controllers|routes|middlewares|repositories|db|app\\.ts)" },
    },
    {
      name: "routes-not-to-data",
      comment: "Routes map paths to controllers; they never reach a repository or the database.",
      severity: "error",
      from: { path: "^src/routes/" },
      to: { path: "^src/(repositories|db|services)/" },
    },
    {
      name: "only-app-imports-routes",
      comment: "The routes are wired in src/app.ts and nowhere else.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(app\\.ts|routes/)" },
      to: { path: "^src/routes/" },
    },
    {
      name: "shared-code-not-up",
      comment:
        "The contract, config, db and utils modules serve every layer and import none of them.",
      severity: "error",
      from: { path: "^src/(contract|config|db|utils)/" },
      to: { path: "^src/(services|controllers|routes|middlewares|repositories|models|app\\.ts)" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "\\.spec\\.ts$" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
