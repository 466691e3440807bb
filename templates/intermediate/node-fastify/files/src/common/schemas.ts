/**
 * The TypeBox pieces every module's route schemas share: the {id} path
 * parameter, the paging query, ids and timestamps as answered, and the
 * problem details of the error answers. They mirror the components of
 * api/openapi.yaml; test/openapi.spec.ts checks the document @fastify/swagger
 * generates from the routes against it.
 */

import { Type, type TSchema } from "@sinclair/typebox";

/** The largest id, 2^63 - 1, as the document writes it (a JSON number, so a double here). */
const MAX_ID = 2 ** 63 - 1;

/**
 * An id as answered: a 64-bit integer. Records keep ids as decimal strings;
 * the routes answer them as bigint, which the serialiser writes as a JSON
 * number without losing a digit.
 */
export const IdSchema = Type.Unsafe<bigint>({
  type: "integer",
  format: "int64",
  minimum: 1,
  maximum: MAX_ID,
});

/**
 * The {id} of a path. The document describes it as the integer it must be;
 * it arrives as the string of the path and is checked with the contract's
 * parseId (src/common/request.ts), since a JavaScript number cannot hold
 * every 64-bit id.
 */
export const IdParamsSchema = Type.Object({
  id: Type.Unsafe<string>({
    type: "integer",
    format: "int64",
    minimum: 1,
    maximum: MAX_ID,
    description:
      "Decimal digits only, no sign, no leading zero, from 1 to\n9223372036854775807. Anything else is a 400.\n",
  }),
});

/**
 * The paging query. It is checked on the raw query string with the
 * contract's parsePaging, which also catches an empty or repeated
 * parameter.
 */
export const PagingQuerySchema = Type.Object({
  page: Type.Optional(
    Type.Unsafe<string>({ type: "integer", minimum: 1, maximum: 2147483647, default: 1 }),
  ),
  limit: Type.Optional(
    Type.Unsafe<string>({ type: "integer", minimum: 1, maximum: 100, default: 20 }),
  ),
});

/** A timestamp as answered: RFC 3339, UTC, milliseconds. */
export const TimestampSchema = Type.String({
  format: "date-time",
  pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
});

/** A page of items, as every list answers. */
export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object(
    {
      data: Type.Array(item, { maxItems: 100 }),
      total: Type.Integer({ format: "int64", minimum: 0 }),
      page: Type.Integer({ minimum: 1, maximum: 2147483647 }),
      limit: Type.Integer({ minimum: 1, maximum: 100 }),
    },
    { additionalProperties: false },
  );
}

/** One invalid part of a request. */
export const FieldErrorSchema = Type.Object(
  {
    detail: Type.String({ minLength: 1 }),
    pointer: Type.Optional(Type.String({ pattern: "^#(/.*)?$" })),
    parameter: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);

/** An RFC 9457 problem detail. */
export const ProblemSchema = Type.Object({
  type: Type.Literal("about:blank"),
  title: Type.String(),
  status: Type.Integer({ minimum: 400, maximum: 599 }),
  detail: Type.String({ minLength: 1 }),
  instance: Type.String({ pattern: "^/" }),
  errors: Type.Optional(Type.Array(FieldErrorSchema, { minItems: 1 })),
});

/** The body of /health and /ready. */
export const HealthSchema = Type.Object(
  { status: Type.Literal("ok") },
  { additionalProperties: false },
);

/** Describes an error answer of a route: a problem detail. */
function problem(description: string) {
  return { ...ProblemSchema, description };
}

/** The error answers, by status, for the route schemas' response maps. */
export const ProblemResponses = {
  400: problem("The request breaks a rule: its body, a field, a query parameter or the id."),
  404: problem("No item has the id."),
  409: problem("Another user has this email, in any letter case."),
  413: problem("The body is larger than 1 MiB (1,048,576 bytes)."),
  500: problem("An unexpected failure; the cause goes to the log, never to the client."),
  503: problem("The database did not answer a trivial query within 2 seconds."),
} as const;
