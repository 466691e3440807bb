import { Module, type DynamicModule } from "@nestjs/common";

import { HttpMetrics } from "../contract/metrics";
import { DatabaseReadiness } from "../database/readiness";
import { OperationsController } from "./operations.controller";
import { OPENAPI_DOCUMENT } from "./tokens";

/** /health, /ready, /metrics and /openapi.json. */
@Module({})
export class OperationsModule {
  static register(metrics: HttpMetrics, document: Record<string, unknown>): DynamicModule {
    return {
      module: OperationsModule,
      controllers: [OperationsController],
      providers: [
        DatabaseReadiness,
        { provide: HttpMetrics, useValue: metrics },
        { provide: OPENAPI_DOCUMENT, useValue: document },
      ],
    };
  }
}
