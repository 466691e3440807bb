/**
 * The OpenAPI document of the API: api/openapi.yaml, served as JSON at
 * /openapi.json. It is the one description of what the server does; the
 * tests check the routes the application registers against it.
 */

import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** The document's path: api/openapi.yaml of the project, from src/contract or dist/contract. */
export const OPENAPI_PATH = path.resolve(__dirname, "..", "..", "api", "openapi.yaml");

/** An operation of the document. */
export interface Operation {
  method: string;
  path: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Reads and parses the document. */
export function loadOpenApi(file: string = OPENAPI_PATH): Record<string, unknown> {
  const doc: unknown = parse(readFileSync(file, "utf8"));
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new Error(`${file} is not an OpenAPI document`);
  }
  return doc as Record<string, unknown>;
}

/** The operations of a document: every method of every path, upper-case methods. */
export function openApiOperations(doc: Record<string, unknown>): Operation[] {
  const paths = doc.paths;
  if (typeof paths !== "object" || paths === null) {
    return [];
  }
  const operations: Operation[] = [];
  for (const [p, item] of Object.entries(paths as Record<string, unknown>)) {
    if (typeof item !== "object" || item === null) {
      continue;
    }
    for (const method of Object.keys(item)) {
      if (METHODS.includes(method)) {
        operations.push({ method: method.toUpperCase(), path: p });
      }
    }
  }
  return operations.sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
}

/** The methods the document gives each path, for the Allow header of a 405. */
export function allowedMethods(doc: Record<string, unknown>): Map<string, string[]> {
  const allow = new Map<string, string[]>();
  for (const op of openApiOperations(doc)) {
    const methods = allow.get(op.path) ?? [];
    methods.push(op.method);
    if (op.method === "GET") {
      methods.push("HEAD");
    }
    allow.set(op.path, methods);
  }
  return allow;
}
