/**
 * The document and the application agree: @nestjs/swagger scans the
 * controllers Nest registered, and the operations it finds (method and
 * path, `:id` written `{id}`) are exactly those of api/openapi.yaml. The
 * server serves the document itself, so this is what keeps the two from
 * drifting apart when a route or a module is added by hand.
 */

import { DocumentBuilder, SwaggerModule } from "@nestjs/swagger";

import { loadOpenApi, openApiOperations } from "../src/contract/openapi";
import { startTestApp, type TestApp } from "./support/app";
import { dropTestDatabase, sqliteUrl } from "./support/databases";

describe("the routes Nest serves", () => {
  const databaseUrl = sqliteUrl();
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp(databaseUrl);
  });

  afterAll(async () => {
    await testApp.close();
    await dropTestDatabase(databaseUrl);
  });

  it("are the operations of api/openapi.yaml", () => {
    const generated = SwaggerModule.createDocument(testApp.app, new DocumentBuilder().build());
    const served = openApiOperations(generated as unknown as Record<string, unknown>).map(
      (op) => `${op.method} ${op.path}`,
    );
    const documented = openApiOperations(loadOpenApi()).map((op) => `${op.method} ${op.path}`);
    expect(served.sort()).toEqual(documented.sort());
  });
});
