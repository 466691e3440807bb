/**
 * The validation pipe of request bodies: a body whose DTO class declares
 * @ContractField fields is checked with class-validator, every invalid or
 * unknown field reported at once in the contract's 400 (pointer `#/field`,
 * the rule's text), and the valid fields come out trimmed. Unknown fields
 * are refused before class-validator sees the object, so a key such as
 * `__proto__` never reaches a DTO instance.
 */

import { Injectable, type ArgumentMetadata, type PipeTransform } from "@nestjs/common";
import { validate } from "class-validator";

import { badRequest, type FieldError } from "../../contract/problem";
import { RULES } from "../../contract/rules";
import { notAnObject } from "../../contract/json-body";
import { contractFieldsOf } from "../validation/contract-field";

@Injectable()
export class ContractValidationPipe implements PipeTransform<unknown, Promise<unknown>> {
  async transform(value: unknown, { type, metatype }: ArgumentMetadata): Promise<unknown> {
    if (type !== "body" || metatype === undefined) {
      return value;
    }
    const fields = contractFieldsOf(metatype);
    if (fields === undefined) {
      return value;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw notAnObject();
    }
    const errors: FieldError[] = [];
    const Dto = metatype as new () => Record<string, unknown>;
    const dto = new Dto();
    for (const [key, field] of Object.entries(value)) {
      if (fields.has(key)) {
        dto[key] = field;
      } else {
        errors.push({ pointer: pointerTo(key), detail: RULES.unknown });
      }
    }
    for (const failure of await validate(dto, { stopAtFirstError: true })) {
      const [detail] = Object.values(failure.constraints ?? {});
      errors.push({ pointer: pointerTo(failure.property), detail: detail ?? RULES.object });
    }
    if (errors.length > 0) {
      throw badRequest(errors);
    }
    for (const [key, check] of fields) {
      const field = dto[key];
      if (typeof field === "string") {
        const checked = check(field);
        if ("value" in checked) {
          dto[key] = checked.value;
        }
      }
    }
    return dto;
  }
}

/**
 * The JSON Pointer (RFC 6901) of a top-level member in URI fragment form:
 * `~` and `/` escaped, then what a fragment may not hold percent-encoded.
 */
export function pointerTo(key: string): string {
  const escaped = key.replace(/~/g, "~0").replace(/\//g, "~1");
  return "#/" + escaped.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/gu, (c) => encodeURIComponent(c));
}
