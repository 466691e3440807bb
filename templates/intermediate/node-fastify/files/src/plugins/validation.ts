/**
 * Request body validation from the route schemas. Ajv checks the structure
 * the TypeBox schema gives (a JSON object, the known fields only, the
 * required ones, each of the right JSON type), reporting every field at
 * once; the contract's string rules then check each string field once
 * trimmed (checkName, checkEmail, checkDescription: the limits and patterns
 * the schema writes for the document apply to the trimmed value, which Ajv
 * never sees), and the handler receives the trimmed values.
 *
 * Path and query parameters are described by the schemas too but checked
 * by the contract's parseId and parsePaging (src/common/request.ts).
 */

import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from "fastify";
import fp from "fastify-plugin";

import { badRequest, pointerError, type FieldError } from "../contract/problem";
import { RULES, checkDescription, checkEmail, checkName, type Checked } from "../contract/rules";

/** The contract's rule of each string field, by the field's name. */
const FIELD_RULES: ReadonlyMap<string, (raw: string) => Checked> = new Map([
  ["name", checkName],
  ["email", checkEmail],
  ["description", checkDescription],
]);

/** The field error for the body as a whole. */
export function bodyError(): FieldError {
  return pointerError("", RULES.object);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The member of the body an Ajv error is about ("" for the body itself). */
function fieldOf(error: ErrorObject): string {
  if (error.instancePath === "") {
    const params = error.params as Record<string, unknown>;
    const named = params.missingProperty ?? params.additionalProperty;
    return typeof named === "string" ? named : "";
  }
  const first = error.instancePath.split("/")[1] ?? "";
  return first.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** What an Ajv error means in the contract's words, or undefined when the string rules decide. */
function ruleOf(error: ErrorObject): string | undefined {
  switch (error.keyword) {
    case "required":
      return RULES.required;
    case "additionalProperties":
      return RULES.unknown;
    case "type":
      return error.instancePath === "" ? RULES.object : RULES.string;
    default:
      // minLength, maxLength and pattern describe the trimmed value; the
      // contract's string rules below check that.
      return undefined;
  }
}

/**
 * Validates a body against a compiled schema and the contract's string
 * rules. It returns the body with its string fields trimmed, or the
 * contract's 400 listing every invalid field (or the body as a whole).
 */
export function validateBody(
  validate: ValidateFunction,
  data: unknown,
): { value: Record<string, unknown> } | { error: Error } {
  if (!isObject(data)) {
    return { error: badRequest([bodyError()]) };
  }
  validate(data);
  const rules = new Map<string, string>();
  for (const error of validate.errors ?? []) {
    const rule = ruleOf(error);
    if (rule === RULES.object) {
      return { error: badRequest([bodyError()]) };
    }
    const field = fieldOf(error);
    if (rule !== undefined && !rules.has(field)) {
      rules.set(field, rule);
    }
  }
  // Built as entries, so that a member named "__proto__" stays a member.
  const entries: [string, unknown][] = [];
  for (const [field, raw] of Object.entries(data)) {
    const check = FIELD_RULES.get(field);
    if (rules.has(field) || check === undefined || typeof raw !== "string") {
      entries.push([field, raw]);
      continue;
    }
    const checked = check(raw);
    if ("rule" in checked) {
      rules.set(field, checked.rule);
    } else {
      entries.push([field, checked.value]);
    }
  }
  if (rules.size > 0) {
    return { error: badRequest([...rules].map(([field, detail]) => pointerError(field, detail))) };
  }
  return { value: Object.fromEntries(entries) };
}

/** The Ajv of request bodies: every error at once, no coercion, no defaults, nothing removed. */
export function bodyAjv(): Ajv {
  return new Ajv({
    allErrors: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    strict: true,
    validateFormats: false,
  });
}

/** Installs the validator compiler on the application (not encapsulated). */
export const validationPlugin = fp(
  (app: FastifyInstance, _options: object, done: (err?: Error) => void) => {
    const ajv = bodyAjv();
    const compiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) => {
      if (httpPart !== "body") {
        return () => true;
      }
      const validate = ajv.compile(schema);
      return (data: unknown) => validateBody(validate, data);
    };
    app.setValidatorCompiler(compiler);
    done();
  },
  { name: "validation" },
);
