/**
 * The contract's Prometheus metrics: a counter and a histogram of HTTP
 * requests by method, route (as the OpenAPI document writes it) and status,
 * in a registry of the application's own with Node.js's default metrics.
 */

import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The route label of every path the OpenAPI document does not list. */
export const UNMATCHED = "unmatched";

/** The histogram buckets, in seconds. */
export const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class HttpMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"method" | "route" | "status">;
  private readonly duration: Histogram<"method" | "route" | "status">;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const labelNames = ["method", "route", "status"] as const;
    this.requests = new Counter({
      name: "http_requests_total",
      help: "HTTP requests answered, by method, route and status.",
      labelNames,
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: "http_request_duration_seconds",
      help: "Time to answer HTTP requests, in seconds, by method, route and status.",
      labelNames,
      buckets: BUCKETS,
      registers: [this.registry],
    });
  }

  /** The Content-Type of the exposition format. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Counts one answered request. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method: method.toUpperCase(), route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  /** The metrics in the text exposition format. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** Converts a framework's route pattern (`/api/v1/users/:id`) to the document's (`/api/v1/users/{id}`). */
export function openApiRoute(pattern: string): string {
  return pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}");
}
