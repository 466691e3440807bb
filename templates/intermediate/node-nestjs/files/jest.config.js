// Jest: the unit and repository specs next to the code (src/**/*.spec.ts) and
// the API, routes and architecture specs under test/. @swc/jest compiles
// TypeScript with the decorator metadata Nest's dependency injection needs,
// and compiles to CommonJS the packages that ship only ES modules (NestJS
// 12), which Jest's CommonJS runtime cannot require otherwise.
const swc = (syntax) => [
  "@swc/jest",
  {
    jsc: {
      parser: { syntax, decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: "es2023",
    },
    module: { type: "commonjs" },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.spec.ts"],
  transform: {
    "^.+\\.ts$": swc("typescript"),
    "^.+\\.m?js$": swc("ecmascript"),
  },
  transformIgnorePatterns: [
    "/node_modules/(?!(@nestjs|file-type|load-esm|uid|strtok3|token-types|@tokenizer)/)",
  ],
  testTimeout: 30000,
};
