/** The operational paths: /health, /ready, /metrics and /openapi.json. */

import type { SystemController } from "../controllers/system.controller";
import type { RouteDefinition } from "./route";

export function systemRoutes(controller: SystemController): RouteDefinition[] {
  return [
    { path: "/health", methods: { get: [controller.live] } },
    { path: "/ready", methods: { get: [controller.ready] } },
    { path: "/metrics", methods: { get: [controller.metrics] } },
    { path: "/openapi.json", methods: { get: [controller.openApi] } },
  ];
}
