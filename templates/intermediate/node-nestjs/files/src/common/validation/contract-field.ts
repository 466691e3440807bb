/**
 * @ContractField: a class-validator decorator for the string fields of the
 * contract (name, email, description). It applies the contract's rule
 * checks (src/contract/rules.ts) and reports the first rule a value breaks,
 * with the contract's text, so that every field appears once in a 400.
 */

import { registerDecorator, type ValidationArguments } from "class-validator";

import { RULES, type Checked } from "../../contract/rules";

/** A rule check of the contract: the trimmed value, or the rule broken. */
export type Check = (raw: string) => Checked;

export interface ContractFieldOptions {
  /** The field must be present (creation). */
  required?: boolean;
  /** null is allowed and means none (description). */
  nullable?: boolean;
}

/** A class whose fields are declared with @ContractField. */
export type DtoClass = abstract new (...args: never[]) => object;

const FIELDS = new WeakMap<object, Map<string, Check>>();

/** The contract fields a DTO class declares with their checks, or undefined for any other class. */
export function contractFieldsOf(dto: object): ReadonlyMap<string, Check> | undefined {
  return FIELDS.get(dto);
}

/** The rule value breaks, or undefined when it is valid. */
export function brokenRule(
  value: unknown,
  check: Check,
  options: ContractFieldOptions,
): string | undefined {
  if (value === undefined) {
    return options.required === true ? RULES.required : undefined;
  }
  if (value === null && options.nullable === true) {
    return undefined;
  }
  if (typeof value !== "string") {
    return RULES.string;
  }
  const checked = check(value);
  return "rule" in checked ? checked.rule : undefined;
}

/** Declares a string field of a request body, checked by check. */
export function ContractField(check: Check, options: ContractFieldOptions = {}): PropertyDecorator {
  return (target: object, propertyKey: string | symbol) => {
    const property = String(propertyKey);
    const dto = target.constructor;
    const fields = FIELDS.get(dto) ?? new Map<string, Check>();
    fields.set(property, check);
    FIELDS.set(dto, fields);
    registerDecorator({
      name: "contractField",
      target: dto,
      propertyName: property,
      validator: {
        validate: (value: unknown) => brokenRule(value, check, options) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          brokenRule(args?.value, check, options) ?? RULES.object,
      },
    });
  };
}
