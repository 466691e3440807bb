/**
 * The operational endpoints: /health (liveness), /ready (the database
 * answers), /metrics (Prometheus) and /openapi.json (api/openapi.yaml as
 * JSON). They stay open when the API-key guard is enabled.
 */

import { Controller, Get, Inject, Res } from "@nestjs/common";
import { InjectDataSource } from "@nestjs/typeorm";
import type { Response } from "express";
import { DataSource } from "typeorm";

import { Public } from "../common/guards/api-key.guard";
import { HttpMetrics } from "../contract/metrics";
import { unavailable } from "../contract/problem";
import { databaseAnswers } from "../database/readiness";
import { OPENAPI_DOCUMENT } from "./tokens";

interface Status {
  status: "ok";
}

@Public()
@Controller()
export class OperationsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    if (!(await databaseAnswers(this.dataSource))) {
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
