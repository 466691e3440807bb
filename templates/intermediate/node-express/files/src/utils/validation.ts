/**
 * Request bodies checked against zod schemas, with every problem reported
 * as one of the contract's field errors: the field's JSON Pointer and the
 * rule text, each field once, all fields at once.
 */

import type { z } from "zod";

import { badRequest, jsonPointer, type FieldError } from "../contract/problem";
import { RULES } from "../contract/rules";

/**
 * Parses body with schema; throws a 400 problem listing every invalid field
 * (unknown fields included).
 */
export function validateBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) {
    return result.data;
  }
  throw badRequest(fieldErrors(result.error.issues));
}

/** The field errors of zod's issues: the first one of each field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const errors = new Map<string, FieldError>();
  const add = (pointer: string, detail: string): void => {
    if (!errors.has(pointer)) {
      errors.set(pointer, { pointer, detail });
    }
  };
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        add(jsonPointer(key), RULES.unknown);
      }
      continue;
    }
    const [field] = issue.path;
    add(field === undefined ? "#" : jsonPointer(String(field)), issue.message);
  }
  return [...errors.values()];
}
