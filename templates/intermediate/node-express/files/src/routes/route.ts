/**
 * Routes as data: each path as the OpenAPI document writes it, with the
 * handlers of each method. registerRoutes gives Express the paths in its
 * own syntax, records the OpenAPI path for the metrics and the logs, and
 * answers the methods a path does not serve with 405 and Allow.
 */

import { Router, type RequestHandler } from "express";

import { openApiRoute } from "../contract/metrics";
import { methodNotAllowed } from "../contract/problem";

export type Method = "get" | "post" | "patch" | "delete";

/** A path of the API (OpenAPI syntax: /api/v1/users/{id}) and the handlers of its methods. */
export interface RouteDefinition {
  path: string;
  methods: Partial<Record<Method, RequestHandler[]>>;
}

/** The path in Express's syntax: /api/v1/users/:id. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, ":$1");
}

/** The methods a route serves, upper case, HEAD with GET, for Allow. */
export function allowedMethods(route: RouteDefinition): string[] {
  const allow: string[] = [];
  for (const method of Object.keys(route.methods)) {
    allow.push(method.toUpperCase());
    if (method === "get") {
      allow.push("HEAD");
    }
  }
  return allow;
}

/** A router serving the routes. Paths match case-sensitively, and a trailing slash is another path. */
export function registerRoutes(routes: readonly RouteDefinition[]): Router {
  const router = Router({ caseSensitive: true, strict: true });
  for (const route of routes) {
    if (openApiRoute(expressPath(route.path)) !== route.path) {
      throw new Error(`route ${route.path} cannot be written in Express's syntax`);
    }
    const chain = router.route(expressPath(route.path));
    chain.all((_req, res, next) => {
      res.locals.route = route.path;
      next();
    });
    for (const [method, handlers] of Object.entries(route.methods)) {
      chain[method as Method](...handlers);
    }
    const allow = allowedMethods(route);
    chain.all(() => {
      throw methodNotAllowed(allow);
    });
  }
  return router;
}
