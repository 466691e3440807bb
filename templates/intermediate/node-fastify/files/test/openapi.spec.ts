/**
 * The route schemas are the single source of the API's shape: the document
 * @fastify/swagger generates from them must have the operations,
 * parameters, request bodies and answers of api/openapi.yaml, the contract
 * the server serves as /openapi.json. What differs unavoidably is left out
 * of the comparison: descriptions and summaries (prose), the error answers'
 * media type and the document's own components ($refs are resolved first).
 */

import { buildApp, type App } from "../src/app";
import { createLogger } from "../src/contract/logger";
import { HttpMetrics } from "../src/contract/metrics";
import { loadOpenApi } from "../src/contract/openapi";
import { databaseServices } from "../src/modules";
import { openDatabase, type DatabaseHandle } from "../src/db/database";

type Node = Record<string, unknown>;

const METHODS = ["get", "put", "post", "patch", "delete", "options", "trace"];
/** What a property's schema says about its values. */
const SCHEMA_KEYS = [
  "type",
  "format",
  "minLength",
  "maxLength",
  "pattern",
  "minimum",
  "maximum",
  "const",
  "default",
  "maxItems",
  "minItems",
];

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Replaces every local $ref of node by what it points at, in doc. */
function resolve(doc: Node, node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map((n) => resolve(doc, n));
  }
  if (!isNode(node)) {
    return node;
  }
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/")) {
    let target: unknown = doc;
    for (const part of ref.slice(2).split("/")) {
      target = isNode(target) ? target[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
    }
    return resolve(doc, target);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(doc, v)]));
}

/** The comparable shape of a schema: its type and, for objects, each property's constraints and the required ones. */
function shape(schema: unknown): unknown {
  if (!isNode(schema)) {
    return schema;
  }
  const out: Node = {};
  for (const key of SCHEMA_KEYS) {
    if (key in schema) {
      out[key] = schema[key];
    }
  }
  // A single-valued enum is a const, whose type goes without saying.
  const values = schema.enum;
  if (Array.isArray(values) && values.length === 1) {
    out.const = values[0];
  }
  if ("const" in out) {
    delete out.type;
  }
  if (isNode(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, p]) => [name, shape(p)]),
    );
    out.required = Array.isArray(schema.required) ? [...(schema.required as string[])].sort() : [];
    out.additionalProperties = schema.additionalProperties ?? true;
  }
  if ("items" in schema) {
    out.items = shape(schema.items);
  }
  return out;
}

/** The JSON schema of a body or an answer, whatever its media type. */
function contentSchema(container: unknown): unknown {
  if (!isNode(container) || !isNode(container.content)) {
    return undefined;
  }
  const [media] = Object.values(container.content);
  return isNode(media) ? media.schema : undefined;
}

/** The comparable form of every operation of a (resolved) document. */
function operations(doc: Node): Node {
  const out: Node = {};
  const paths = doc.paths as Node;
  for (const [path, item] of Object.entries(paths)) {
    if (!isNode(item)) {
      continue;
    }
    const shared = Array.isArray(item.parameters) ? (item.parameters as Node[]) : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) {
        continue;
      }
      const params = [
        ...shared,
        ...(Array.isArray(op.parameters) ? (op.parameters as Node[]) : []),
      ];
      const responses = op.responses as Node;
      out[`${method.toUpperCase()} ${path}`] = {
        operationId: op.operationId,
        parameters: params
          .map((p) => ({
            name: p.name,
            in: p.in,
            required: p.required ?? false,
            schema: shape(p.schema),
          }))
          .sort((a, b) => String(a.name).localeCompare(String(b.name))),
        requestBody: shape(contentSchema(op.requestBody)),
        responses: Object.keys(responses).sort(),
        success: Object.fromEntries(
          Object.entries(responses)
            .filter(([status]) => status.startsWith("2"))
            .map(([status, r]) => [status, status === "204" ? undefined : shape(contentSchema(r))]),
        ),
      };
    }
  }
  return out;
}

describe("the document generated from the route schemas", () => {
  let app: App;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = openDatabase({ databaseUrl: "sqlite::memory:" });
    app = await buildApp({
      logger: createLogger("error"),
      metrics: new HttpMetrics(),
      ping: () => Promise.resolve(),
      document: loadOpenApi(),
      services: databaseServices(handle.db),
    });
  });

  afterAll(async () => {
    await app.close();
    await handle.close();
  });

  it("has the operations, parameters, bodies and answers of api/openapi.yaml", () => {
    const contract = loadOpenApi();
    const generated = JSON.parse(JSON.stringify(app.swagger())) as Node;
    const want = operations(resolve(contract, contract) as Node);
    const got = operations(resolve(generated, generated) as Node);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const key of Object.keys(want)) {
      expect({ [key]: got[key] }).toEqual({ [key]: want[key] });
    }
  });
});
