/**
 * Jest: the tests in tests/ and the specs next to the shared modules in
 * src/, compiled by SWC (no type check here: npm run typecheck does that).
 * @type {import("jest").Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/tests"],
  testMatch: ["**/*.spec.ts", "**/*.test.ts"],
  // Kysely 0.29 is published as ES modules only: SWC compiles it to CommonJS
  // for the tests (Node.js itself loads it with require(esm)).
  transformIgnorePatterns: ["/node_modules/(?!kysely/)"],
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript" }, target: "es2023" },
        module: { type: "commonjs" },
      },
    ],
  },
  clearMocks: true,
  // PostgreSQL tests create a schema each; give a slow CI machine time.
  testTimeout: 20000,
};
