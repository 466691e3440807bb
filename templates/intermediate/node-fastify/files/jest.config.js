/**
 * Jest runs the TypeScript sources through SWC (no type checking here:
 * `npm run typecheck` does that). Specs sit next to the shared modules
 * (src/**\/*.spec.ts) and in test/.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2023" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  testTimeout: 30000,
};
