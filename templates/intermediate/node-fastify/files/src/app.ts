/**
 * The application: buildApp(deps) makes a ready Fastify instance from its
 * dependencies and nothing else (main.ts starts it; the tests inject into
 * it), so the same app runs over a database or in-memory repositories.
 */

import swagger from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawServerDefault,
} from "fastify";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { HttpMetrics } from "./contract/metrics";
import { allowedMethods } from "./contract/openapi";
import { requestIdFromRaw } from "./contract/request-id";
import { MAX_BODY_BYTES } from "./contract/rules";
import { SERVER_OPTIONS, SERVER_TIMEOUTS } from "./contract/server";
import { registerModules, type Services } from "./modules";
import { bodyPlugin } from "./plugins/body";
import { DocumentPaths, errorsPlugin, frameworkErrors } from "./plugins/errors";
import { observabilityPlugin } from "./plugins/observability";
import { operationsPlugin } from "./plugins/operations";
import { validationPlugin } from "./plugins/validation";

/** The application's Fastify instance, typed by its TypeBox route schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppDeps {
  /** The pino logger (src/contract/logger.ts); each request logs through a child carrying request_id. */
  logger: FastifyBaseLogger;
  metrics: HttpMetrics;
  /** Resolves when the database answers within 2 s (for /ready). */
  ping: () => Promise<void>;
  /** The OpenAPI document (api/openapi.yaml), served as /openapi.json and the source of 405s. */
  document: Record<string, unknown>;
  services: Services;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const paths = new DocumentPaths(allowedMethods(deps.document));
  const app = Fastify({
    loggerInstance: deps.logger,
    // The request's one log line is the observability plugin's; the
    // request's logger carries its id as request_id.
    logController: new LogController({
      disableRequestLogging: true,
      requestIdLogLabel: "request_id",
    }),
    genReqId: (req) => requestIdFromRaw(req.rawHeaders),
    bodyLimit: MAX_BODY_BYTES,
    // While stopping, requests on open connections are still answered;
    // main.ts's graceful stop closes the connections once they are idle.
    return503OnClosing: false,
    forceCloseConnections: false,
    routerOptions: {
      // /api/v1/users/ is not /api/v1/users, and an id of any length reaches the id rule.
      ignoreTrailingSlash: false,
      caseSensitive: true,
      maxParamLength: 1000,
    },
    frameworkErrors: frameworkErrors(paths, deps.metrics),
    // The contract's server timeouts, checked every second: Node.js's default
    // check every 30 s would let a client that never ends its headers hold a
    // connection for up to 40 s instead of 10.
    http: SERVER_OPTIONS,
    // Fastify sets these two on its server itself; the contract's values.
    keepAliveTimeout: SERVER_TIMEOUTS.keepAliveTimeout,
    requestTimeout: SERVER_TIMEOUTS.requestTimeout,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Collects the route schemas into a document (app.swagger()), which the
  // tests hold to api/openapi.yaml.
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "generated from the route schemas", version: "1.0.0" },
    },
  });
  await app.register(validationPlugin);
  await app.register(bodyPlugin);
  await app.register(errorsPlugin, { paths });
  await app.register(observabilityPlugin, { metrics: deps.metrics });
  await app.register(operationsPlugin, {
    metrics: deps.metrics,
    ping: deps.ping,
    document: deps.document,
  });
  await registerModules(app, deps.services);
  await app.ready();
  return app;
}
