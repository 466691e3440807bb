/**
 * The routes of the OpenAPI document, matched against the path of a request
 * as the client sent it. The document is the one list of what the server
 * serves: a path it does not list is a 404, a method it does not give a path
 * is a 405, and the metrics and the request log name a request's route the
 * way the document writes it (`/api/v1/users/{id}`).
 */

import { allowedMethods } from "../../contract/openapi";

/** A path of the document that a request's path matched. */
export interface RouteMatch {
  /** The path as the document writes it: `/api/v1/users/{id}`. */
  route: string;
  /** The methods the document gives the path, HEAD with GET. */
  methods: readonly string[];
  /** The path parameters, as sent (percent-escapes kept). */
  params: Readonly<Record<string, string>>;
}

interface Route {
  route: string;
  segments: readonly string[];
  methods: readonly string[];
}

const PARAMETER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

export class RouteTable {
  private readonly routes: Route[];

  constructor(doc: Record<string, unknown>) {
    this.routes = [...allowedMethods(doc)].map(([route, methods]) => ({
      route,
      segments: route.split("/"),
      methods,
    }));
  }

  /**
   * The document's path that path (without its query) matches, or undefined.
   * Matching is exact: case-sensitive, no trailing slash, one segment per
   * parameter, and a parameter is never empty.
   */
  match(path: string): RouteMatch | undefined {
    const segments = path.split("/");
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (params !== undefined) {
        return { route: route.route, methods: route.methods, params };
      }
    }
    return undefined;
  }
}

function matchSegments(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [i, want] of pattern.entries()) {
    const got = segments[i] ?? "";
    const name = PARAMETER.exec(want)?.[1];
    if (name !== undefined) {
      if (got === "") {
        return undefined;
      }
      params[name] = got;
    } else if (got !== want) {
      return undefined;
    }
  }
  return params;
}
