/**
 * The operational endpoints: /health (liveness, no dependency checked),
 * /ready (the database answers SELECT 1 within 2 s, asked on every request),
 * /metrics (Prometheus text format) and /openapi.json (api/openapi.yaml as
 * JSON: the contract the server keeps, which test/openapi.spec.ts holds the
 * route schemas to).
 */

import type { FastifyPluginCallbackTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";

import type { HttpMetrics } from "../contract/metrics";
import { unavailable } from "../contract/problem";
import { HealthSchema, ProblemResponses } from "../common/schemas";
import { sendProblem } from "./errors";

/** The answer of /openapi.json, as the document describes it. */
const DOCUMENT_SCHEMA = {
  type: "object",
  required: ["openapi", "info", "paths"],
  properties: {
    openapi: { type: "string", pattern: "^3\\.1\\.[0-9]+$" },
    info: { type: "object" },
    paths: { type: "object" },
  },
};

export interface OperationsOptions {
  metrics: HttpMetrics;
  /** Resolves when the database answers, rejects when it does not. */
  ping: () => Promise<void>;
  /** The OpenAPI document, served as JSON. */
  document: Record<string, unknown>;
}

export const operationsPlugin: FastifyPluginCallbackTypebox<OperationsOptions> = (
  app,
  options,
  done,
) => {
  const documentJson = JSON.stringify(options.document);

  app.get(
    "/health",
    { schema: { operationId: "getHealth", response: { 200: HealthSchema } } },
    () => ({ status: "ok" }) as const,
  );

  app.get(
    "/ready",
    {
      schema: {
        operationId: "getReady",
        response: { 200: HealthSchema, 503: ProblemResponses[503] },
      },
    },
    async (request, reply) => {
      try {
        await options.ping();
      } catch (err) {
        request.log.warn({ err }, "the database is not answering");
        return sendProblem(request, reply, unavailable());
      }
      return reply.send({ status: "ok" } as const);
    },
  );

  app.get(
    "/metrics",
    {
      schema: {
        operationId: "getMetrics",
        response: { 200: { content: { "text/plain": { schema: Type.String({ minLength: 1 }) } } } },
      },
    },
    async (_request, reply) => {
      const text = await options.metrics.metrics();
      return reply.type(options.metrics.contentType).send(text);
    },
  );

  app.get(
    "/openapi.json",
    {
      schema: {
        operationId: "getOpenAPI",
        // A plain JSON schema (no TypeBox type): the answer is the document as written.
        response: { 200: DOCUMENT_SCHEMA },
      },
    },
    // Sent as written: the serialiser of the response schema would keep only the members it lists.
    (_request, reply) => {
      void reply.type("application/json; charset=utf-8").send(documentJson);
    },
  );
  done();
};
