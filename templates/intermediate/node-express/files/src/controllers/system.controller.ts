/**
 * The operational endpoints: liveness, readiness, the Prometheus metrics and
 * the OpenAPI document.
 */

import type { Request, Response } from "express";

import type { HttpMetrics } from "../contract/metrics";
import { unavailable } from "../contract/problem";
import type { HealthService } from "../services/health.service";
import { sendJson } from "../utils/json";

export class SystemController {
  /** The OpenAPI document as JSON, serialised once. */
  private readonly openApiJson: string;

  constructor(
    private readonly health: HealthService,
    private readonly httpMetrics: HttpMetrics,
    openApi: Record<string, unknown>,
  ) {
    this.openApiJson = JSON.stringify(openApi);
  }

  /** GET /health: the process answers; the database is not asked. */
  live = (_req: Request, res: Response): void => {
    sendJson(res, 200, { status: "ok" });
  };

  /** GET /ready: the database answered SELECT 1 within 2 s, else 503. */
  ready = async (req: Request, res: Response): Promise<void> => {
    try {
      await this.health.checkDatabase();
    } catch (err) {
      req.log.warn({ err }, "the database is not answering");
      throw unavailable();
    }
    sendJson(res, 200, { status: "ok" });
  };

  /** GET /metrics: the Prometheus text format. */
  metrics = async (_req: Request, res: Response): Promise<void> => {
    const body = await this.httpMetrics.metrics();
    res.status(200).set("Content-Type", this.httpMetrics.contentType).send(body);
  };

  /** GET /openapi.json: api/openapi.yaml as JSON. */
  openApi = (_req: Request, res: Response): void => {
    res.status(200).type("application/json").send(this.openApiJson);
  };
}
