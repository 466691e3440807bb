/**
 * Jest: the specs in test/ and next to the shared modules in src/
 * (src/**\/*.spec.ts), compiled by SWC (no type check here: npm run
 * typecheck does that).
 * @type {import("jest").Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  // Kysely 0.29 (and cookie, which Fastify's inject uses) are published as ES
  // modules only: SWC compiles them to CommonJS
  // for the tests (Node.js itself loads it with require(esm)).
  transformIgnorePatterns: ["/node_modules/(?!(kysely|cookie)/)"],
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2023" },
        module: { type: "commonjs" },
      },
    ],
  },
  // PostgreSQL tests create a schema each; give a slow CI machine time.
  testTimeout: 30000,
};
