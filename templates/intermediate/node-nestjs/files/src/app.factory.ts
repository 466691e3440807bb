/**
 * Builds the Nest application, separately from starting it, so that the
 * server (main.ts) and the API tests run the very same application.
 */

import "reflect-metadata";

import { NestFactory } from "@nestjs/core";
import { ExpressAdapter, type NestExpressApplication } from "@nestjs/platform-express";
import express from "express";
import { Logger as NestPinoLogger } from "nestjs-pino";
import type { Logger } from "pino";

import { AppModule } from "./app.module";
import { RouteTable } from "./common/http/route-table";
import { requestContextMiddleware } from "./common/middleware/request-context.middleware";
import type { Config } from "./config/config";
import { HttpMetrics } from "./contract/metrics";
import { loadOpenApi } from "./contract/openapi";

export async function createApp(config: Config, logger: Logger): Promise<NestExpressApplication> {
  const document = loadOpenApi();
  const metrics = new HttpMetrics();
  const server = express();
  server.disable("x-powered-by");
  server.disable("etag");
  // Before anything of Nest's: every answer, Express's own included, gets
  // its request id, nosniff and its place in the metrics.
  server.use(requestContextMiddleware(new RouteTable(document), metrics));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register(config, { logger, metrics, document }),
    new ExpressAdapter(server),
    // The body is read by JsonBodyMiddleware, with the contract's limits.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest types its options as a class; its documentation passes a literal
    { bodyParser: false, bufferLogs: true, abortOnError: false },
  );
  app.useLogger(app.get(NestPinoLogger));
  return app;
}
