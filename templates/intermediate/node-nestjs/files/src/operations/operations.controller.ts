/**
 * The operational endpoints: /health (liveness), /ready (the database
 * answers), /metrics (Prometheus) and /openapi.json (api/openapi.yaml as
 * JSON). They stay open when the API-key guard is enabled.
 */

import { Controller, Get, Inject, Res } from "@nestjs/common";
import type { Response } from "express";

import { Public } from "../common/guards/api-key.guard";
import { HttpMetrics } from "../contract/metrics";
import { unavailable } from "../contract/problem";
import { DatabaseReadiness } from "../database/readiness";
import { OPENAPI_DOCUMENT } from "./tokens";

interface Status {
  status: "ok";
}

@Public()
@Controller()
export class OperationsController {
  constructor(
    private readonly database: DatabaseReadiness,
    private readonly metrics: HttpMetrics,
    @Inject(OPENAPI_DOCUMENT) private readonly document: Record<string, unknown>,
  ) {}

  /** Liveness: the process answers; the database is not asked. */
  @Get("health")
  health(): Status {
    return { status: "ok" };
  }

  /** Readiness: the database answers SELECT 1 within 2 seconds, checked on every request. */
  @Get("ready")
  async ready(): Promise<Status> {
    if (!(await this.database.answers())) {
      throw unavailable();
    }
    return { status: "ok" };
  }

  @Get("metrics")
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    res.setHeader("Content-Type", this.metrics.contentType);
    return this.metrics.metrics();
  }

  @Get("openapi.json")
  openapi(): Record<string, unknown> {
    return this.document;
  }
}
